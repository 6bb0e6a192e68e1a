// The desk works without this file. It only brings the chosen proposal's form into view and focus,
// so that a keyboard user lands on it after choosing a mark in the text.
(function () {
  "use strict";
  var form = document.getElementById("form");
  if (form && location.hash === "#form") { form.focus(); }
})();
