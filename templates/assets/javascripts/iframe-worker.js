/*
 * Web workers for pages opened from disk. Browsers refuse `new Worker(url)` for file:// pages, and
 * the site's search runs in a worker; so when the page is a file, a worker runs in a hidden iframe
 * instead. Inside it, postMessage() talks back to the page and importScripts() loads scripts one
 * after another and returns a Promise (the search worker awaits it).
 *
 * The file name matters: Material's offline plugin only leaves out its own copy, fetched from
 * another host, when a polyfill with "iframe-worker" in its address is already configured.
 */
(function () {
  "use strict";
  if (window.location.protocol !== "file:") {
    return;
  }

  function loadScript(doc, src) {
    return new Promise(function (resolve, reject) {
      var script = doc.createElement("script");
      script.src = src;
      script.onload = function () { resolve(); };
      script.onerror = function () { reject(new Error("cannot load " + src)); };
      doc.body.appendChild(script);
    });
  }

  function FileWorker(url) {
    var self = this;
    var target = document.createDocumentFragment();
    var queue = [];
    var ready = false;
    var frame = document.createElement("iframe");
    frame.hidden = true;
    frame.tabIndex = -1;
    frame.setAttribute("aria-hidden", "true");
    frame.title = "worker";
    document.body.appendChild(frame);
    var scope = frame.contentWindow;
    var doc = frame.contentDocument;
    doc.open();
    doc.write("<!DOCTYPE html><html><head></head><body></body></html>");
    doc.close();

    this.onmessage = null;
    this.onerror = null;
    this.addEventListener = target.addEventListener.bind(target);
    this.removeEventListener = target.removeEventListener.bind(target);

    function toPage(data) {
      var event = new MessageEvent("message", { data: data });
      if (typeof self.onmessage === "function") { self.onmessage(event); }
      target.dispatchEvent(event);
    }
    function toWorker(data) {
      scope.dispatchEvent(new scope.MessageEvent("message", { data: data }));
    }

    scope.postMessage = function (data) { setTimeout(function () { toPage(data); }, 0); };
    scope.importScripts = function () {
      var sources = Array.prototype.slice.call(arguments);
      return sources.reduce(function (done, src) {
        return done.then(function () { return loadScript(doc, new URL(src, url).href); });
      }, Promise.resolve());
    };

    this.postMessage = function (data) {
      if (ready) { toWorker(data); } else { queue.push(data); }
    };
    this.terminate = function () { frame.remove(); };

    loadScript(doc, url).then(function () {
      ready = true;
      queue.splice(0).forEach(toWorker);
    }, function (error) {
      var event = new ErrorEvent("error", { message: String(error) });
      if (typeof self.onerror === "function") { self.onerror(event); }
      target.dispatchEvent(event);
    });
  }

  window.Worker = function (url) {
    return new FileWorker(new URL(String(url), window.location.href).href);
  };
})();
