"""The words that mark a new name in Arabic-script text, per language: titles and roles, the words
that begin the name of an organisation or a place, and the common words that never start or end one.
Data for `arabic_names`, kept apart so that the reader there stays readable."""
from __future__ import annotations

import re
from dataclasses import dataclass

from generator.text import arabic


def _set(words: str, feminine: bool = False) -> frozenset[str]:
    """Normalised words; with `feminine` each also with ة ("الرئيسة", "الحاكمة")."""
    found = {arabic.normalise(w) for w in words.split()}
    return frozenset(found | {w + "ه" for w in found if feminine and not w.endswith("ه")})


def _known(rows: dict[str, tuple[str, str | None]]) -> dict[tuple[str, ...], tuple[str, str | None]]:
    """Names of several words, separated by "،" in `rows`' keys, as tuples of normalised words."""
    return {tuple(arabic.normalise(w) for w in name.split()): guess
            for names, guess in rows.items() for name in names.split("،")}


def _table(rows: dict[str, str | None]) -> dict[str, str | None]:
    return {arabic.normalise(w): kind for words, kind in rows.items() for w in words.split()}


# Words of the name of an organisation after its last word with the article: "… لتحرير فلسطين".
AR_FOR = _set("لتحرير للتحرير لنصرة لإنقاذ للإنقاذ للدفاع لحماية")
AR_OFFICIAL = _set("الرسمي الرسمية رسمي رسمية")
# Organisations' words that, followed by one word, say what someone is rather than name it: "قوات الأمن".
AR_GENERIC_HEADS = _set("قوات")
# A preposition written on a word that begins with hamza or the article: "بإجراء", "لأجل", "بالحكومة",
# "للجيش"; a name is rarely written so ("بأحمد" is ب + a name, and then the name is in doubt).
AR_PREPOSITION = re.compile("[وف]?(?:[بل][أإآ]|بال|لل)")
# A number after a word, alone: "اللواء 17", not "2.5" or "10:30".
LONE_NUMBER = re.compile(rf"[ \u00a0]([{arabic.DIGIT}]{{1,4}})(?![\w,:/\u066b\u066c%]|[.]\d)")

# Heads of names made of a noun and adjectives ("الاتحاد الأفريقي", "الجيش اللبناني") -> kind.
AR_HEADS = {arabic.normalise(w): kind for w, kind in (
    ("اتحاد", "organisation"), ("أمم", "international-organisation"), ("جامعة", "organisation"),
    ("منظمة", "organisation"), ("حركة", "political-group"), ("جبهة", "armed-group"), ("حزب", "political-group"),
    ("مجلس", "state-body"), ("بنك", "organisation"), ("محكمة", "state-body"), ("جيش", "armed-forces"),
    ("شرطة", "state-body"), ("حكومة", "state-body"), ("رئاسة", "state-body"), ("صليب", "organisation"),
    ("هلال", "organisation"))}


@dataclass(frozen=True)
class NameCues:
    """The words that mark names in one language written in the Arabic script (all normalised)."""

    language: str                     # its code, for `vocabulary.common`
    titles: frozenset[str]            # a person's name follows, perhaps after adjectives: "الرئيس الفرنسي X"
    construct: frozenset[str]         # titles that first name what they lead: "وزير الدفاع X", "قائد الجيش X"
    offices: frozenset[str]           # words of a title after its first: "وزیر اعظم", "صدر مملکت"
    offices_of_place: frozenset[str]  # … that a place follows: "وزیر اعلیٰ پنجاب", chief minister of Punjab
    spokes: frozenset[str]            # "المتحدث باسم X": X is an organisation
    on_behalf: frozenset[str]
    orgs: dict[str, str | None]       # a word that begins an organisation's name -> its kind
    places: dict[str, str | None]     # a word before a place's name -> its kind
    orgs_after: dict[str, str | None]     # a word after an organisation's name (Urdu: "… فرنٹ", "… پارٹی")
    places_after: dict[str, str | None]   # a word after a place's name (Urdu: "… شہر", "… ضلع")
    pairs: frozenset[str]             # place words in the dual, before two names: "بلدتي X وY"
    named: frozenset[str]             # Urdu "X نامی": "called X"
    of: frozenset[str]                # Urdu "کے", "کی": "of" …
    of_place: frozenset[str]          # … before words that make what they are of a place: "X کے علاقے"
    reached: frozenset[str]           # "X پہنچے": "reached X"
    that: frozenset[str]              # after these, quoted words are what is said: "قال إن «…»"
    given: frozenset[str]             # Urdu "دی", "دیا": after "پہنچا", delivered, not reached
    near: frozenset[str]              # prepositions before a quoted place: "في «بنغازي»"
    stop: frozenset[str]
    verbs: frozenset[str]
    saying: frozenset[str]
    according: frozenset[str]         # the source follows: "بحسب «X»", "X کے مطابق"
    statements: frozenset[str]        # "أعلنت «X» في بيان": who makes a statement is named before it
    known_as: frozenset[str]          # "المعروف بـ«X»", "المعروفة أيضا باسم X": another name of what precedes
    ranks: frozenset[str]             # words that complete a rank after its title: "الفريق أول"
    members: frozenset[str]           # people of a group, before "من" and its name: "مقاتلين من «X»"
    bound_titles: dict[str, str]      # titles of two words, a title only with the second: "آیت اللہ"
    light_verbs: frozenset[str]       # Urdu verbs made with the word before: "مقرر کر دیا" (appointed)
    kunya: frozenset[str]             # "father of": a person's name begins with it, "أبو عبيدة", "ابو سعید"
    common: frozenset[str]            # common nouns, without the article
    adjectives: frozenset[str]        # masculine singular, without the article
    links: frozenset[str]             # words inside a person's name before a word with the article: "عبد الفتاح"
    generic: frozenset[str]           # a body too general to be a name on its own: "باسم الحكومة"
    known: dict[tuple[str, ...], tuple[str, str | None]]   # names every reader knows: "الأمم المتحدة"
    letters: frozenset[str]           # names of Latin letters, which spell initials: "پی ٹی آئی"
    article: bool                     # the language writes the article ال onto words
    peel: bool                        # and the particles و، ف، ب، ل


AR_NAMES = NameCues(
    language="ar",
    titles=_set("الرئيس الرئيسة العقيد الجنرال اللواء العميد الوزير الوزيرة الشيخ السيد السيدة النائب النائبة "
                "السفير السفيرة القائد الزعيم الزعيمة المشير الرائد النقيب المقدم الفريق الملازم الدكتور الدكتورة "
                "الأمير الأميرة الملك الملكة الإمام الأستاذ المستشار المستشارة المحلل المحللة الصحفي الصحفية "
                "المتحدث المتحدثة الناطق الناطقة المبعوث المحامي القاضي المدير المديرة الأمين المرشح المرشحة "
                "العمدة الحاكم الوالي المطران الناشط", feminine=True) | _set("المحافظ"),
    construct=_set("رئيس رئيسة قائد قائدة زعيم زعيمة وزير وزيرة سفير سفيرة نائب نائبة مستشار مستشارة أمين مدير "
                   "مديرة مبعوث متحدث متحدثة ناطق ناطقة والي حاكم منسق مرشح", feminine=True) | _set("محافظ"),
    offices=frozenset(), offices_of_place=frozenset(),
    spokes=_set("المتحدث المتحدثة الناطق الناطقة متحدث متحدثة ناطق ناطقة"),
    on_behalf=_set("باسم"),
    orgs=_table({"جماعة منظمة وكالة شركة مؤسسة جمعية اتحاد مجموعة مركز جامعة بنك تنظيم برنامج صندوق نقابة "
                 "رابطة تجمع مرصد منتدى لجان": "organisation",
                 "حركة حزب ائتلاف كتلة": "political-group", "جبهة تحالف ميليشيا مليشيا كتائب": "armed-group",
                 "مجلس وزارة هيئة لجنة مديرية جهاز مفوضية مكتب": "state-body",
                 "قوات كتيبة لواء جيش فيلق فرقة": "armed-forces", "صحيفة قناة إذاعة": "media-outlet",
                 "معهد": "research-group"}),
    places=_table({"مدينة مدينتي عاصمة العاصمة": "city", "بلدة بلدتي": "town", "قرية قريتي": "village",
                   "منطقة منطقتي وادي جبل جبال نهر حوض سهل صحراء بحيرة جزيرة ضواحي": "area",
                   "ولاية إقليم محافظة مقاطعة قضاء ولايات محافظات": "region", "جزر": "area",
                   "مخيم مطار ميناء طريق ساحة منجم تقاطع معبر": "site",
                   "قاعدة": "military-base"}),
    orgs_after={}, places_after={}, pairs=_set("مدينتي بلدتي قريتي منطقتي ولايات محافظات جزر"),
    named=frozenset(), of=frozenset(), of_place=frozenset(), reached=frozenset(),
    that=_set("إن أن ان بأن وأن وإن فإن لأن"), given=frozenset(),
    near=_set("في إلى الى قرب داخل"),
    stop=_set("في من إلى الى على عن أن إن ان لأن كأن بأن وأن وإن بعد قبل الذي التي الذين اللذين اللتين اللواتي "
              "و أو او أم ثم قد لقد لم لن لا ما ماذا متى أين كيف هل هذا هذه ذلك تلك هؤلاء أولئك هنا هناك كان كانت "
              "كانوا يكون تكون ليس ليست مع عند حتى منذ بين خلال حول ضد نحو عبر لدى لكن لكنه لكنها بل إذا إذ حيث كما "
              "كل كلا بعض أي أية أيضا غير سوى فقط جدا هو هي هم هن هما نحن أنا أنت أنه أنها إنه إنها أنهم إنهم له لها "
              "لهم لنا به بها بهم فيه فيها فيهم منه منها منهم عليه عليها عليهم إليه إليها إليهم عنه عنها معه معها "
              "يوم أمس اليوم غدا الآن حاليا ليلا نهارا صباحا ظهرا فجرا مجددا سابقا لاحقا مؤخرا سنة شهر أسبوع "
              "ساعة صباح مساء ليلة أكثر أقل حوالي قرابة وسط "
              "إطار أجل دون عدة عدد بشأن ضمن رغم إثر عقب تجاه وفق وفقا بحسب حسب مثل لذلك ذاته نفسه نفسها آخر آخرين "
              "أخرى أول جميع معظم كافة مزيد إضافة بالإضافة أمام خلف فوق تحت داخل خارج قرب عندما بينما ربما أبدا سوف "
              "تم يتم إلا لما كي لكي أما إما يا ومع وقد فقد كذلك أيضًا "
              "واحد واحدة اثنان اثنين اثنتين ثلاث ثلاثة أربع أربعة خمس خمسة ست ستة سبع سبعة ثماني ثمانية تسع تسعة "
              "عشر عشرة عشرون عشرين ثلاثين أربعين خمسين مئة مائة مئات ألف آلاف مليون ملايين مليار عشرات نصف ربع"),
    verbs=_set("قال قالت قالوا يقول تقول أعلن أعلنت أعلنوا يعلن تعلن أكد أكدت يؤكد تؤكد صرح صرحت أضاف أضافت يضيف "
               "ذكر ذكرت أوضح أوضحت أشار أشارت أفاد أفادت نفى نفت نقل نقلت زار زارت يزور التقى التقت استقبل استقبلت "
               "وصل وصلت وصلوا يصل غادر غادرت دعا دعت يدعو طالب طالبت أدان أدانت اتهم اتهمت هاجم هاجمت قتل قتلت "
               "قتلوا أصيب أصيبت أصيبوا اعتقل اعتقلت سيطر سيطرت انسحب انسحبت شن شنت تبنى تبنت قرر قررت وقع وقعت "
               "جاء جاءت أصبح أصبحت بدأ بدأت بدأت أدى أدت يرى ترى رأى رأوا حصل حصلت تلقى تلقت أرسل أرسلت سحب سحبت "
               "يقود تقود قاد قادت يعمل تعمل يمكن يجب لقي لقوا اجتاح اجتاحت ضرب ضربت تضرب يضرب حذر حذرت عين عينت "
               "أجرى أجرت عقد عقدت وافق وافقت رفض رفضت هدد هددت تعهد تعهدت اقترح اقترحت أغلق أغلقت يحافظ تحافظ "
               "يهيمن ساعد ساعدت تركزت ينتمون يرتدون يقودون يعرفوا زادت نفته أعلنته ستسحب سيكون تقترح اقترحت "
               "شارك شاركت يشارك وقعت أطلق أطلقت استهدف استهدفت فر فرت نزح نزحت توجه توجهت عاد عادت انتقد انتقدت "
               "أشاد أشادت ناقش ناقشت بحث بحثت يعرف تعرف يعرفون عرف أسفر أسفرت رعى رعته رعت بات باتت ظل ظلت "
               "استولى استولوا يستعد أفرج أفرجوا خطف دمر دمرت استمر استمرت تدخل يدخل دخل دخلت"),
    saying=_set("قال قالت قالوا يقول تقول أعلن أعلنت يعلن أكد أكدت صرح صرحت أضاف أضافت ذكر ذكرت أوضح أوضحت أشار "
                "أشارت أفاد أفادت نقل نقلت بحسب حسب وفقا"),
    according=_set("بحسب حسب وفق وفقا طبقا"),
    statements=_set("بيان تصريح تصريحات منشور تغريدة رسالة"),
    known_as=_set("المعروف المعروفة المعروفين المسمى المسماة الملقب الملقبة", feminine=False),
    ranks=_set("أول ركن"),
    members=_set("مقاتلين مقاتلي عناصر مسلحين مسلحي أعضاء عضو قادة قيادي أنصار مناصري"),
    bound_titles={}, light_verbs=frozenset(), kunya=_set("أبو"),
    common=_set("حكومة جيش شرطة سلطات سلطة بلاد دولة دول مدينة مدن منطقة مناطق عاصمة قرية قرى بلدة شعب سكان أهالي "
                "مواطنين مواطنون مدنيين مدنيون جنود جندي عسكريين مسلحين مسلحون مقاتلين مقاتلون عناصر مرتزقة متمردين "
                "متمردون رجال رجالا نساء أطفال أشخاص شخص شخصا ناس عائلات أسر أسرة سلام حرب هجوم هجمات عملية "
                "عمليات معارك معركة اشتباكات قصف انفجار تفجير غارة غارات نار إطلاق وقف اتفاق اتفاقية مفاوضات محادثات "
                "انتخابات انقلاب أزمة وضع أوضاع حالة طوارئ مساعدات مساعدة إغاثة فيضانات فيضان أمطار مياه سيول "
                "زلزال حريق ضحايا قتلى جرحى مصابين مفقودين نازحين لاجئين مستشفى مستشفيات مدارس مدرسة منازل منزل طرق "
                "طريق سيارات سيارة طائرات طائرة معدات أسلحة سلاح دعم تدريب نفوذ تقارير تقرير أنباء نبأ أخبار خبر "
                "بيان تصريحات تصريح مصادر مصدر مسؤولين مسؤول مسؤولون وسائل إعلام صحفيين رأي حقوق إنسان قانون دستور "
                "برلمان وزراء رئاسة قيادة قادة زعماء إرهاب تطرف اقتصاد تنمية سياسة مشكلة قضية قضايا قرار قرارات "
                "برنامج خطة مشروع مشاريع مرحلة فترة وقت أيام أشهر سنوات ساعات دقائق نهاية بداية مطلع أواخر أوائل "
                "استقرار توتر توترات علاقات علاقة مشاعر شمال جنوب شرق غرب حدود أراضي أرض فرق فريق وفد وفود مجموعات "
                "جماعات أعضاء عضو جهود تحقيق تحقيقات قواعد موقع مواقع نقاط نقطة مهمة مهام انتشار وجود وصول مغادرة "
                "انسحاب تقليص تعزيز تحييد تصعيد عنف احتواء فشل نجاح تفاصيل الجنود مشاركين عدم ظروف أسباب سبب نتيجة "
                "احتجاجات احتجاج مظاهرات مظاهرة تظاهرات خدمات أسعار إدارة إجراء تحسين تنفيذ إعادة "
                "عام جانب طرف أطراف بلد قارة نقاش اجتماع قمة زيارة مؤتمر صحفي مقتل إصابة اعتقال تقدم معلومات اسم اسمه "
                "عيد استقلال عمال موظفين عاملين متمرد حصيلة وفاة وفيات وباء مرض خطأ لقب"),
    adjectives=_set("سابق أسبق حالي جديد مؤقت انتقالي منتخب مخلوع راحل تنفيذي أول عام رسمي أعلى كبير صغير مسلح "
                    "متطرف إرهابي دولي محلي حكومي عسكري أمني مدني خاص معارض متوتر متزايد معروف مسمى ركن مساعد "
                    "أوسط وسطى ساحلي عربي إسلامي أجنبي وطني موال تابع إضافي أخير مقبل واسع "
                    "أمريكي أميركي فرنسي روسي بريطاني صيني ألماني إيطالي إسباني جزائري مغربي تونسي ليبي مصري "
                    "سوداني نيجيري نيجري تشادي موريتاني سنغالي بوركيني إيراني عراقي سوري لبناني أردني فلسطيني "
                    "إسرائيلي سعودي إماراتي قطري يمني تركي أوكراني أفريقي إفريقي أوروبي"),
    links=_set("عبد أبو أبي ابن بن بنت ولد ذو آل"),
    letters=frozenset(),
    known=_known({"الأمم المتحدة": ("actor", "international-organisation"),
                  "مجلس الأمن": ("actor", "international-organisation"),
                  "الاتحاد الأفريقي، الاتحاد الإفريقي، الاتحاد الأوروبي، جامعة الدول العربية، حلف شمال الأطلسي":
                      ("actor", "international-organisation"),
                  "الهلال الأحمر، الصليب الأحمر، أطباء بلا حدود": ("actor", "organisation"),
                  "يونيسف، اليونيسف، منظمة الصحة العالمية، برنامج الأغذية العالمي":
                      ("actor", "international-organisation"),
                  "البنتاغون، الكرملين، البيت الأبيض، الإليزيه": ("actor", "state-body"),
                  # institutions every state has, named alike: "الدفاع المدني السوري"
                  "الدفاع المدني، الأمن العام، الحرس الوطني، الحرس الثوري": ("actor", "state-body"),
                  "سلاح الجو، الجيش الوطني": ("actor", "armed-forces"),
                  "طالبان، حركة طالبان": ("actor", "armed-group")}),
    generic=_set("الحكومة الجيش الشرطة الرئاسة الوزارة الحركة الجماعة الحزب المجلس التنظيم القوات السلطات البلدية "
                 "الجبهة الائتلاف الشركة المنظمة الوكالة الهيئة اللجنة المجموعة"),
    article=True, peel=True)

UR_NAMES = NameCues(
    language="ur",
    titles=_set("صدر وزیراعظم وزیر کرنل جنرل ترجمان سربراہ رہنما مسٹر ڈاکٹر میجر کیپٹن لیفٹیننٹ بریگیڈیئر سفیر "
                "گورنر چیف شیخ مولانا سینیٹر جسٹس کمشنر ایڈمرل چیئرمین جناب محترمہ قائد پروفیسر انسپکٹر امیر سردار "
                "ایلچی نمائندہ ڈائریکٹر کمانڈر لیڈر آیت"),
    construct=frozenset(),
    offices=_set("اعظم اعلیٰ اعلی خارجہ داخلہ دفاع خزانہ اطلاعات تعلیم صحت قانون مملکت موسمیات اللہ"),
    offices_of_place=_set("اعلیٰ اعلی"),
    spokes=frozenset(), on_behalf=frozenset(),
    # "ادارۂ", "محکمۂ": the same words with the hamza of the izafat ("ادارۂ صحت")
    orgs=_table({"تنظیم جماعت ادارہ ادارۂ اتحاد": "organisation", "تحریک": "political-group",
                 "وزارت محکمہ محکمۂ دفتر": "state-body", "فوج": "armed-forces", "لشکر سپاہ جیش": "armed-group",
                 "اخبار چینل": "media-outlet"}),
    places=_table({"شہر دارالحکومت پورٹ": "city", "گاؤں": "village", "قصبہ": "town",
                   "ضلع تحصیل وادی دریائے علاقے": "area", "صوبہ صوبے ریاست": "region", "روٹ شاہراہ مقام": "site"}),
    orgs_after=_table({"فرنٹ الائنس بلاک": "armed-group", "پارٹی موومنٹ لیگ": "political-group",
                       "یونین ایجنسی کمپنی گروپ فاؤنڈیشن": "organisation",
                       "کونسل کمیشن کمیٹی": "state-body",
                       "بریگیڈ ڈویژن فورس فورسز آرمی فوج کور فضائیہ بحریہ رینجرز": "armed-forces",
                       "یونیورسٹی کالج ہسپتال اسپتال": "organisation",
                       "نیوز ٹائمز": "media-outlet", "انسٹی ٹیوٹ": "research-group"}),
    places_after=_table({"شہر": "city", "قصبہ قصبے ٹاؤن": "town", "گاؤں": "village",
                         "ضلع علاقہ وادی پہاڑیوں پہاڑی": "area",
                         "صوبہ صوبے": "region", "چوک شاہراہ": "site"}),
    pairs=frozenset(), named=_set("نامی"), of=_set("کے کی"), of_place=_set("علاقے علاقہ مضافات نواح نواحی قریب"),
    reached=_set("پہنچے پہنچا پہنچی پہنچ پہنچیں"), that=_set("کہ"), given=_set("دی دیا دیے دیں دیں"),
    near=frozenset(),
    stop=_set("کے کی کا کو نے سے میں پر اور یا ہے ہیں تھا تھی تھے ہو ہوا ہوئی ہوئے ہونے گیا گئی گئے کیا کئے کیے "
              "کر کرنے کرتے کرتی کرے کریں کہ یہ وہ اس ان جو جس جن بھی تک لیے لئے ساتھ بعد پہلے مطابق نہیں نہ ایک "
              "کوئی کچھ سب تمام دیگر دوسرے دوسری رہا رہی رہے سکتا سکتی سکتے جا جانے جاتا جاتی والے والی والا دن روز "
              "سال ماہ آج کل جبکہ لیکن مگر اگر تو ہی اپنے اپنی اپنا ہم آپ بہت زیادہ کم از تقریباً مزید جاری شروع "
              "ختم بارے طرف وجہ دوران خلاف علاوہ درمیان قریب اندر باہر اب ابھی جب تب کیوں کیسے کون کئی چند متعدد "
              "مختلف بعض زیر سمیت تاہم بغیر یہاں وہاں جہاں کہاں "
              "دو تین چار پانچ چھ سات آٹھ نو دس بیس سو ہزار لاکھ کروڑ درجن درجنوں سینکڑوں ہزاروں"),
    verbs=_set("کہا بتایا کہنا کہتے کہتی دیا دی دیے لیا لی کرنا ملے ملا پہنچے پہنچا گئیں ہوگئے کرا کروا کرایا "
               "کروایا"),
    saying=_set("کہا بتایا کہنا کہتے کہتی"),
    according=_set("مطابق"), statements=frozenset(), known_as=frozenset(), ranks=frozenset(), members=frozenset(),
    bound_titles={arabic.normalise("آیت"): arabic.normalise("اللہ")},
    light_verbs=_set("کر کرنے کرتے کرتی کیا کیے کئے ہو ہونے ہوا ہوئے ہوئی"), kunya=_set("ابو"),
    common=_set("حکام افراد لوگ لوگوں حکومت پولیس سیلاب بارش بارشوں خاندانوں خاندان مقامات محفوظ منتقل ہلاک زخمی "
                "متاثر دیہات ریسکیو صوبائی وفاقی مقامی سرکاری عوام شہری شہریوں فوجی اہلکار اہلکاروں واقعے واقعہ حملے "
                "حملہ دھماکے دھماکہ جنگجو جنگجوؤں کارکن کارکنوں مظاہرین مزدوروں قیدیوں مسافروں بچے خواتین افسران "
                "رہنماؤں گھر گھروں اسکول اسپتال ہسپتال بازار سڑک سرحد موقع جگہ منزل نقصان فائدہ تکلیف صدمہ "
                "سیکیورٹی سکیورٹی مسلح امداد سامان"),
    adjectives=_set("بڑے بڑا بڑی چھوٹے چھوٹا چھوٹی نئے نیا نئی پرانے پرانا ساحلی قریبی اہم دور متاثرہ سرحدی پورے "
                    "سارے مذکورہ محصور اسی کسی ہر شمالی جنوبی مشرقی مغربی وسطی زدہ"),
    links=_set("بن بنت ابن"), generic=frozenset(),
    letters=_set("اے بی سی ڈی ای ایف جی ایچ آئی جے کے ایل ایم این او پی کیو آر ایس ٹی یو وی ڈبلیو ایکس وائی زیڈ"),
    known=_known({"اقوام متحدہ": ("actor", "international-organisation"),
                  "سلامتی کونسل، یورپی یونین، افریقی یونین": ("actor", "international-organisation"),
                  "ہلال احمر، ریڈ کراس": ("actor", "organisation"),
                  "یونیسف، نیٹو": ("actor", "international-organisation"),
                  "پینٹاگون، کریملن، وائٹ ہاؤس": ("actor", "state-body"),
                  "طالبان": ("actor", "armed-group")}),
    article=False, peel=False)
