/**
 * A plain-language refusal of AI training or data mining in an image's own rights text
 * (XMP `xmpRights:UsageTerms`, `dc:rights`, `photoshop:Instructions`, `plus:OtherConstraints`;
 * IPTC-IIM Copyright Notice and Special Instructions): "No AI training", "Not to be used to train
 * AI models", "Text and data mining is prohibited", "TDM rights reserved". Pure, linear-time.
 *
 * Decision (DESIGN.md §2 rule 3, the reading that cannot keep what the owner refused): these
 * fields are free text, which Heed does not otherwise evaluate, but an owner who wrote "No AI
 * training" there refused as plainly as one who wrote `DMI-PROHIBITED-AIMLTRAINING`. Only an
 * unambiguous refusal counts, read narrowly so that ordinary notices keep reading as before:
 * the use (AI/ML training; text and data mining) must be named right beside the refusing word
 * (`no`, `not … used for`, `prohibited`, `forbidden`, `not permitted`, `reserved`). A bare
 * "All rights reserved", "© 2024 Jane Doe", "Editorial use only" or "No AI was used" names no
 * such use and stays info (DESIGN.md §2 rule 4: a copyright notice and UsageTerms alone are
 * info); "no restrictions on AI training" or "AI training is not prohibited" does not refuse.
 * Also read: a refusal of AI use as such ("Not for use in AI datasets", "Do not use for AI",
 * "No AI use"), which covers its training; machine learning named alone ("Not for machine
 * learning"); an opt-out stated as done ("Opted out of AI training", "Excluded from AI training",
 * "Not licensed for AI training"); the `noai` tag ("#NoAI"); and scraping or crawling refused
 * ("No scraping", "Do not scrape"), read as a refusal of every automated use (DMI-PROHIBITED).
 * "No AI" alone, "No AI used", "No generative AI used" stay info: owners write them to say no AI
 * made the picture.
 *
 * Languages (decision, same rule): owners refuse in their own language, and a refusal Heed cannot
 * read keeps what the owner refused. Read besides English: Japanese (AI学習禁止, AI学習への利用
 * 禁止, 無断AI学習禁止, AI学習・無断転載禁止, 【禁止事項】…・AI学習), Chinese (禁止AI训练, 禁止
 * 用于AI训练, 不得用于人工智能训练, AI训练禁止), Korean (AI 학습 금지, AI 학습에 사용 금지),
 * German (Keine Nutzung für KI-Training, KI-Training untersagt, Text- und Data-Mining vorbehalten,
 * the § 44b UrhG "Nutzungsvorbehalt … Text und Data Mining"), French (Pas d’entraînement IA,
 * … interdite, fouille de textes et de données réservée, opposition à la fouille …), Spanish,
 * Italian, Portuguese and Dutch (Prohibido el entrenamiento de IA, Vietato l’addestramento di
 * IA, Proibido o treinamento de IA, Geen AI-training, and their mining reservations): the
 * languages in which image owners and publishers are seen writing such refusals, and those of
 * the EU CDSM Art. 4 opt-out's national wordings. The same narrowness holds in each: the use
 * (AI training, AI学習 / 训练 / 학습, KI-Training, entraînement de l’IA, …; text and data mining)
 * must stand right beside the refusing word (禁止, 不可, NG, 금지, untersagt, interdit, prohibido,
 * vietato, proibido, verboden, …), or at most in a short list of things refused in one breath
 * (AI学習・無断転載禁止). A permission or a negated refusal stays info: AI学習OK, AI学習可,
 * AI学習禁止ではありません, 不禁止AI训练, AI 학습 금지하지 않습니다, KI-Training erlaubt,
 * KI-Training ist nicht untersagt, L’entraînement de l’IA n’est pas interdit, and a refusing word
 * negated before it (No está prohibido el entrenamiento de IA, Non è vietato, Não é proibido, nicht
 * verboten für, kein Verbot von, pas interdit de, aucune interdiction, niet verboden voor, geen
 * verbod op: each was read as the refusal, until a negative lookbehind); a list item that
 * permits (AI学習・商用利用可、無断転載禁止) is not refused, nor a use that only qualifies a noun
 * (Kein KI-Training-Verbot, Keine KI-Trainingsdaten).
 *
 * Also read (decision, same rule: a refusal in a language Heed did not read was kept), the
 * languages next most written by image owners and publishers, and the rest of the CDSM Art. 4
 * reservation's national wordings: Polish (Zakaz wykorzystywania do trenowania AI, Nie do
 * trenowania sztucznej inteligencji, Eksploracja tekstów i danych zastrzeżona, art. 26³ prawa
 * autorskiego), Russian (Запрещено использовать для обучения ИИ, Не для обучения нейросетей,
 * Использование для обучения искусственного интеллекта запрещено), Ukrainian (Заборонено
 * використовувати для навчання ШІ), Czech (Zákaz použití pro trénování AI, Vytěžování textů a dat
 * vyhrazeno), Swedish (Får inte användas för AI-träning, Text- och datautvinning förbehålls),
 * Danish (Må ikke bruges til AI-træning, Tekst- og datamining forbeholdes), Norwegian Bokmål (Skal
 * ikke brukes til KI-trening, Tekst- og datautvinning er forbeholdt), Finnish (Ei saa käyttää
 * tekoälyn koulutukseen, Tekoälyn kouluttaminen kielletty, Tekstin- ja tiedonlouhinta kielletty)
 * and Turkish (Yapay zeka eğitiminde kullanılması yasaktır, Metin ve veri madenciliği yasaktır;
 * typed with or without the Turkish letters, dotted and dotless i alike). As narrowly: Trenowanie
 * AI nie jest zabronione, Nie zabrania się trenowania AI, Обучение ИИ не запрещено, Не запрещено
 * использовать для обучения ИИ, Trénování AI není zakázáno, AI-träning är inte förbjuden, Inget
 * förbud mot AI-träning, KI-trening tillatt, Tekoälyn koulutus ei ole kielletty, Yapay zeka
 * eğitimi yasak değildir stay info, as do the bare notices Wszelkie prawa zastrzeżone, Все права
 * защищены, Všechna práva vyhrazena, Alla rättigheter förbehållna, Alle rettigheder forbeholdes,
 * Kaikki oikeudet pidätetään, Tüm hakları saklıdır and the disclosures (Nie użyto AI, Создано без
 * использования ИИ, Skapad utan AI). Russian and Ukrainian are matched on the text as written (its
 * first reading): the second reading, with Cyrillic letters drawn like Latin ones folded, breaks
 * their words and adds no refusal of its own, since each Cyrillic form needs letters (з, п, щ, н,
 * д, л, б, ч, …) that LATIN_LOOKALIKES leaves Cyrillic.
 *
 * Why narrow: these fields are free text, and a loose reading ("KI" anywhere near "verboten")
 * would refuse ordinary notices the owner meant as nothing of the kind. A refusal in a language
 * not listed above (Greek, Hungarian, Romanian, …) still stays info. Each language alternative of
 * a field is read on its own (xmp.ts plainRefusals): alternatives are translations of one
 * statement, not parts of one sentence, so none is joined to another.
 *
 * Linear time: every form is a fixed sequence of optional words, or a repetition bounded by a
 * constant whose items cannot overlap (a list item holds no separator; a reservation's window is
 * at most 80 characters of one sentence); nothing nests an unbounded repetition
 * (conventions/hostile-inputs.ts holds the worst cases, English and the others). Each language
 * is its own RegExp (otherLanguages).
 *
 * The refusal is returned as the PLUS Data Mining ID it says in words, so a purpose is bound as
 * by `plus:DataMining` (purposes.ts dataMiningProhibited): AI training → DMI-PROHIBITED-
 * AIMLTRAINING (binds the AI purposes, not research-tdm); data mining → DMI-PROHIBITED (all).
 *
 * The text is read as its reader sees it (foldLookalikes: NFKC, invisible characters dropped)
 * before any word is matched, and where it mixes in Cyrillic or Greek letters drawn like Latin
 * ones, also as read with them Latin (LATIN_LOOKALIKES).
 */

import { foldLookalikes } from './lookalikes';

const AI_WORD = String.raw`(?:ai|a\.i\.|artificial[\s-]+intelligence|ml|machine[\s-]+learning)`;
/** "AI", "generative AI", "AI/ML", "AI or ML", "machine learning and AI". */
const AI = String.raw`(?:gen(?:erative)?[\s-]*)?${AI_WORD}(?:\s*(?:[/&]|\bor\b|\band\b)\s*(?:gen(?:erative)?[\s-]*)?${AI_WORD})?`;
/** "AI training", "AI model training", "training of AI models", "train AI", "training generative AI". */
const AI_TRAINING = String.raw`(?:${AI}[\s-]+(?:models?[\s-]+)?(?:training|train)|train(?:ing)?\s+(?:of\s+)?(?:an?\s+|any\s+)?${AI}(?:[\s-]+(?:models?|systems?|tools?))?|machine[\s-]+learning)`;
const MINING = String.raw`(?:text\s+(?:and|&)\s+data\s+mining|data[\s-]*mining|tdm|(?:web[\s-]*)?(?:scraping|crawling))`;

const REFUSED = String.raw`(?:prohibited|forbidden|not\s+(?:permitted|allowed|authori[sz]ed)|reserved|excluded)`;
const NOT_USED = String.raw`(?:not|never)\s+(?:to\s+be\s+|be\s+)?used\s+(?:for|to|in)\s+(?:the\s+)?`;
/** "Not for AI training", "Not for use in AI training", "No use for data mining". */
const NOT_FOR = String.raw`(?:not\s+for\s+(?:use\s+(?:in|for|to)\s+)?|no\s+use\s+(?:in|for)\s+)(?:the\s+)?`;
const DO_NOT_USE = String.raw`(?:do\s+not|don't|must\s+not|may\s+not)\s+use\s+(?:(?:this|the)\s+)?(?:(?:image|photo|photograph|picture|work|content)\s+)?(?:for|to|in)\s+(?:the\s+)?`;
const PROHIBITED_FOR = String.raw`(?:prohibited|forbidden|not\s+(?:permitted|allowed|authori[sz]ed))\s+(?:for|from)\s+(?:use\s+in\s+|use\s+for\s+|the\s+)?`;
const RESERVES = String.raw`reserves?\s+(?:all\s+|the\s+|its\s+|their\s+)?rights?\s+(?:to\s+(?:use\s+(?:(?:this|the|its)\s+\w+\s+)?(?:for\s+|in\s+)?)?|of\s+|for\s+)?`;
/** "Opted out of AI training", "opts out from TDM", "excluded from AI training", "not licensed for AI training". */
const OPTED_OUT = String.raw`(?:(?:opted|opts?)[\s-]*out\s+(?:of|from)|excluded\s+from|not\s+licen[cs]ed\s+(?:for|to))\s+(?:the\s+)?(?:use\s+(?:in|for)\s+)?`;
/** "All rights reserved, including (the right to use for) AI training". */
const RESERVED_INCLUDING = String.raw`reserved[,;]?\s+including\s+(?:(?:for|in)\s+|the\s+rights?\s+(?:to|of|for)\s+(?:use\s+(?:\w+\s+)?(?:for|in)\s+)?)?`;

/** The refusing forms around a use: "no USE", "not to be used for USE", "USE (is) prohibited", … */
function refusing(written: string): RegExp {
  const use = String.raw`(?:${written})\b`;
  return new RegExp(
    String.raw`\b(?:no\s+${use}(?!\s+(?:restrictions?|limits?|limitations?|constraints?|conditions?|prohibitions?|reservations?|opt[\s-]?outs?|polic(?:y|ies)|data|datasets?|sets?|was|were|is|used|involved))|${NOT_USED}${use}|${NOT_FOR}${use}|${DO_NOT_USE}${use}|${PROHIBITED_FOR}${use}|${RESERVES}${use}|${RESERVED_INCLUDING}${use}|${OPTED_OUT}${use}|${use}(?:\s+rights?)?\s+(?:is\s+|are\s+)?(?:strictly\s+|expressly\s+)?${REFUSED})`,
    'i',
  );
}

const REFUSES_AI_TRAINING = refusing(AI_TRAINING);
const REFUSES_MINING = refusing(MINING);

/** AI as a use: "AI", "AI datasets", "AI purposes", "AI systems", "AI use". */
const AI_USE = String.raw`${AI}(?:[\s-]+(?:datasets?|data[\s-]*sets?|purposes?|systems?|models?|applications?|tools?|use|usage))?`;
/**
 * A refusal of AI use as such, which covers its training: "Not for use in AI datasets", "Do not
 * use for AI", "Prohibited for use in AI systems", "No AI use", "AI use is prohibited". Only the
 * forms that say "use" or "for": "No AI" alone is also how an owner says no AI made the picture
 * (a disclosure), so it stays info, as "not for AI-generated …" does.
 */
const REFUSES_AI_USE = new RegExp(
  String.raw`\b(?:(?:${NOT_USED}|${NOT_FOR}|${DO_NOT_USE}|${PROHIBITED_FOR})${AI_USE}\b(?![\s-]*(?:generated|generation|created|made|assisted|free|art)\b)|no\s+${AI}[\s-]+(?:use|usage)\b|${AI}[\s-]+(?:use|usage)\s+(?:is\s+)?(?:strictly\s+|expressly\s+)?${REFUSED})`,
  'i',
);
/** The `noai` opt-out as a tag ("#NoAI", "NoAI"), the robots directive's word: one token, not "No AI". */
const NOAI_TAG = /(?<![\p{L}\p{N}#_-])#?noai(?![\p{L}\p{N}_-])/iu;
/** "Do not scrape", "Not to be scraped", "May not be scraped". */
const REFUSES_SCRAPING = /\b(?:(?:do\s+not|don't|must\s+not|may\s+not|not\s+to|never)\s+(?:be\s+)?scraped?)\b/i;

// ── Other languages ─────────────────────────────────────────────────────────────────────────
// Written with the `u` flag: `\b` is ASCII only, so a word's edge is "no letter or digit beside it".

/** A letter or digit of any script. */
const WL = String.raw`\p{L}\p{N}`;
/** Space or a hyphen (after NFKC, U+2011 is U+2010; a full-width hyphen is `-`). */
const H = String.raw`[\s\-\u2010-\u2015]`;
/** An apostrophe as typed or typeset (`d'`, `d’`). */
const Q = String.raw`['\u2019\u02bc]`;
/**
 * The use named at the end of a "no USE" form is not a noun that only qualifies another one
 * ("Kein KI-Training-Verbot", "Keine KI-Trainingsdaten", "no AI training data"),
 * a refusal said not to apply ("Zakaz trenowania AI nie obowiązuje", "Zákaz … neplatí"), nor a
 * disclosure ("Ingen AI-træning anvendt", "Ingen AI-träning användes", as "no AI training used").
 */
const NOT_A_QUALIFIER = String.raw`(?![${WL}]|-[${WL}])(?!\s+(?:daten|datensätze|verbot|verbote|beschränkung(?:en)?|einschränkung(?:en)?|vorbehalt|richtlinien?|data|gegevens|verbod|beperking(?:en)?|données|datos|dati|dados|restrictions?|restricci[oó]n(?:es)?|restrizion[ei]|restri[cç](?:[aã]o|[oõ]es)|interdiction|danych|dane|данных|данные|даних|дані|ograniczeń|ограничений|обмежень|omezení|nie\s+obowiązuje|neplatí|не\s+действует|не\s+діє|anvendt|brugt|brukt|benyttet|använd|användes|användts)(?![${WL}]))`;

/**
 * A language written with spaces between words: its AI-training use, its mining use, the
 * refusing words before the use ("Keine Nutzung für ", "Pas d’", "Prohibido el ") and after
 * it (" untersagt", " est interdite", " está prohibido"), and reservation phrases that may stand
 * a few words before it (§ 44b UrhG "Nutzungsvorbehalt … Text und Data Mining").
 */
interface Spaced { ai: string; mining: string; before: string; after: string; reserve?: string }

const ART_FR = String.raw`(?:l${Q}\s*|la\s+|le\s+|les\s+)?`;
/** What a refusal is about, one word after a determiner: "cette image", "esta imagen", "questa immagine", "esta imagem". */
const OBJECT = (determiners: string) => String.raw`(?:(?:${determiners})\s*[\p{L}]+\s+)?`;
const OBJ_FR = OBJECT(String.raw`cette|cet|ce|ces|les|nos|mes|la|le|l${Q}`);
const OBJ_ES = OBJECT(String.raw`(?:de\s+)?(?:esta|este|estas|estos|la|el|las|los|sus?|mis?)`);
const OBJ_IT = OBJECT(String.raw`questa|questo|queste|questi|la|il|le|i|l${Q}`);
const OBJ_PT = OBJECT(String.raw`(?:d[ae]\s+)?(?:esta|este|estas|estes|a|o|as|os)`);
/** What a refusal is about, a determiner and its word or a noun alone: "tego zdjęcia", "это изображение", "bilden". */
const NAMED = (words: string) => String.raw`(?:(?:${words})\s+)?`;
const OBJ_PL = NAMED(String.raw`(?:tego|tej|tych|tym|tę|to)(?:\s+[\p{L}]+)?|zdjęcia|zdjęć|zdjęcie|obrazu|obrazów|obraz|materiałów|treści|utworu|utworów`);
const OBJ_RU = NAMED(String.raw`(?:это|эту|этот|эти|данное|данную|данный|данные)(?:\s+[\p{L}]+)?|изображение|изображения|фото|фотографию|фотографии|материалы|контент`);
const OBJ_UK = NAMED(String.raw`(?:це|цю|цей|ці|дане|дану|даний)(?:\s+[\p{L}]+)?|зображення|фото|фотографію|матеріали|контент`);
const OBJ_CS = NAMED(String.raw`(?:tento|tuto|toto|tyto|tohoto|této)(?:\s+[\p{L}]+)?|obrázek|obrázky|fotografii|fotografie|dílo|obsah`);
const OBJ_SV = NAMED(String.raw`(?:denna|detta|dessa)(?:\s+[\p{L}]+)?|bilden|bilderna|fotot|verket|materialet|innehållet`);
const OBJ_DA = NAMED(String.raw`(?:dette|denne|disse)(?:\s+[\p{L}]+)?|billedet|billederne|fotoet|værket|materialet|indholdet`);
const OBJ_FI = NAMED(String.raw`(?:tätä|näitä|tämän)(?:\s+[\p{L}]+)?|kuvaa|kuvia|kuvan|teosta|aineistoa|sisältöä`);
const OBJ_NB = NAMED(String.raw`(?:dette|denne|disse)(?:\s+[\p{L}]+)?|bildet|bildene|fotoet|verket|materialet|innholdet`);
/**
 * Turkish words as owners type them: dotted and dotless i alike (`İ`, `I`, `ı`, `i`: case folding
 * does not pair them) and with or without the Turkish letters (`egitiminde`, `kullanilmasi`). Only
 * for sources whose syntax holds none of these letters.
 */
const turkish = (source: string): string => source.replace(/[ıi]/g, '[ıiİ]').replace(/ğ/g, '[ğg]').replace(/ş/g, '[şs]').replace(/ç/g, '[çc]').replace(/ö/g, '[öo]').replace(/ü/g, '[üu]').replace(/â/g, '[âa]');
const SPACED: Record<'de' | 'fr' | 'es' | 'it' | 'pt' | 'nl' | 'pl' | 'ru' | 'uk' | 'cs' | 'sv' | 'da' | 'nb' | 'fi' | 'tr', Spaced> = {
  de: {
    ai: String.raw`(?:(?:generative[rnms]?${H}+)?(?:ki|ai|künstliche[rnms]?\s+intelligenz)|gen(?:erative)?${H}*(?:ki|ai))${H}*(?:(?:modell(?:e|en|s)?|system(?:e|en)?)${H}*)?(?:trainings?(?:zwecke?n?)?|trainieren)|(?:training|trainieren)\s+(?:von\s+|mit\s+|für\s+)?(?:(?:der|die|den|des|dem|einer|einem|eines)\s+)?(?:generative[rnms]?\s+)?(?:ki|ai|künstliche[rnms]?\s+intelligenz)(?:${H}*(?:modell(?:e|en|s)?|system(?:e|en)?))?|maschinelle[sn]?\s+lernen`,
    mining: String.raw`text${H}*(?:und|&)${H}*(?:data|daten)${H}*mining|(?:data|daten)${H}*mining|tdm`,
    before: String.raw`kein(?:e|en|er)?\s+(?:(?:nutzung|verwendung|verwertung|einsatz)\s+(?:für|zum|zur|zu|im|in|als)\s+(?:das\s+|den\s+|die\s+)?)?|nicht\s+(?:(?:zur|zum)\s+(?:nutzung|verwendung)\s+(?:für|im|in)\s+|(?:für|zum|zur|im|in)\s+)(?:das\s+|den\s+|die\s+)?|(?:darf|dürfen)\s+nicht\s+(?:für|zum|zur|im|in)\s+(?:das\s+|den\s+|die\s+)?|(?<!(?<![${WL}])nicht\s+(?:mehr\s+)?)(?:untersagt|verboten)\s+(?:für|zum|zur)\s+(?:das\s+|den\s+|die\s+)?|(?<!(?<![${WL}])(?:kein(?:e[mnrs]?)?|ohne)\s+)verbot\s+(?:von|des|der|für)\s+(?:das\s+|den\s+|die\s+)?`,
    after: String.raw`(?:(?:ist|sind|wird|werden|bleibt|bleiben)\s+)?(?:(?:ausdrücklich|strikt|streng|strengstens|ausnahmslos|grundsätzlich)\s+)?(?:untersagt|verboten|vorbehalten|ausgeschlossen|nicht\s+(?:gestattet|erlaubt|zulässig|gewünscht))`,
    // "Nutzungsvorbehalt gemäß § 44b UrhG: Text und Data Mining", "Wir behalten uns die Nutzung
    // … für Text und Data Mining … vor": the reservation a few words before the use, within one
    // sentence ("Abs. 3" does not end it).
    reserve: String.raw`(?<!kein\s|keinen\s)(?:(?:nutzungs|tdm${H}*)?vorbehalts?(?![${WL}])|behält\s+sich|behalten\s+(?:sich|uns|wir\s+uns))(?:[^;.!?]|\.(?=\s?\d)){0,80}?`,
  },
  fr: {
    ai: String.raw`(?:entra[iî]nement|entra[iî]ner|apprentissage)(?:\s+(?:de\s+|des\s+|du\s+|pour\s+)?|\s+d${Q}\s*)(?:(?:la|une?|les|des)\s+|l${Q}\s*)?(?:(?:mod[eè]les?|syst[eè]mes?|outils?)\s+(?:d${Q}\s*|de\s+)?)?(?:ia|i\.a\.|intelligence\s+artificielle|ai)(?:\s+g[ée]n[ée]ratives?)?|apprentissage\s+automatique`,
    mining: String.raw`(?:fouille|exploration)\s+de\s+(?:textes?\s+et\s+(?:de\s+)?)?donn[ée]es|text\s+(?:and|&)\s+data\s+mining|tdm`,
    before: String.raw`pas\s+(?:d${Q}\s*|de\s+)${ART_FR}|aucune?\s+(?:utilisation\s+(?:pour|dans|à\s+des\s+fins\s+d${Q}|à\s+des\s+fins\s+de)\s*${ART_FR})?|(?:ne\s+pas\s+|interdit\s+d${Q}\s*)(?:utiliser|employer|exploiter)\s+${OBJ_FR}(?:pour|dans|à\s+des\s+fins\s+d${Q}|à\s+des\s+fins\s+de|à|en)\s*${ART_FR}|(?:ne\s+)?(?:doit|doivent|peut|peuvent)\s+pas\s+être\s+(?:utilisée?s?|exploitée?s?)\s+(?:pour|dans|à\s+des\s+fins\s+d${Q}|à\s+des\s+fins\s+de)\s*${ART_FR}|(?<!(?<![${WL}])(?:pas|aucune?|sans|plus)\s+)(?:interdite?s?|interdiction)\s+(?:pour|de|à|d${Q})\s*${ART_FR}|non\s+(?:autorisée?s?\s+)?(?:pour|à\s+des\s+fins\s+d${Q})\s*${ART_FR}|(?:opposition|s${Q}\s*opposen?t?)\s+(?:à|a)\s+${ART_FR}|r[ée]serv[ée]e?s?,?\s+y\s+compris\s+(?:pour\s+|le\s+droit\s+de\s+)?${ART_FR}|se\s+r[ée]serven?t?\s+(?:le|les|tous\s+les)\s+droits?\s+(?:d${Q}\s*opposition\s+)?(?:à\s+|de\s+|d${Q}\s*|sur\s+|pour\s+)?${ART_FR}`,
    after: String.raw`(?:(?:est|sont|reste|restent)\s+)?(?:(?:strictement|formellement|express[ée]ment|absolument|totalement)\s+)?(?:interdite?s?|prohib[ée]e?s?|r[ée]serv[ée]e?s?|exclue?s?|(?:non|pas)\s+(?:autoris[ée]e?s?|permise?s?))|n${Q}\s*est\s+pas\s+(?:autoris[ée]e?|permise?)|ne\s+sont\s+pas\s+(?:autoris[ée]e?s|permise?s)`,
  },
  es: {
    ai: String.raw`(?:entrenamiento|entrenar(?:la|lo|las|los)?)(?:\s+(?:de|del|para|con)\s+|\s+)(?:(?:la|una|las|los|el)\s+)?(?:(?:modelos?|sistemas?|herramientas?)\s+(?:de\s+)?)?(?:ia|i\.a\.|inteligencia\s+artificial|ai)(?:\s+generativa)?|aprendizaje\s+autom[aá]tico`,
    mining: String.raw`miner[ií]a\s+de\s+(?:textos?\s+y\s+(?:de\s+)?)?datos|text\s+(?:and|&)\s+data\s+mining|tdm`,
    before: String.raw`(?<!(?<![${WL}])no\s+(?:(?:est[aá]|queda)\s+)?)(?:(?:queda\s+|est[aá]\s+)?prohibid[oa]s?|se\s+proh[ií]be)\s+(?:(?:el|la|su)\s+(?:uso|utilizaci[oó]n|empleo)\s+${OBJ_ES}(?:para|en|con\s+fines\s+de)\s+|(?:usar|utilizar)(?:la|lo)?\s+${OBJ_ES}(?:para|en)\s+|para\s+)?(?:el\s+|la\s+)?|no\s+(?:usar|utilizar|emplear)(?:la|lo)?\s+${OBJ_ES}(?:para|en|con\s+fines\s+de)\s+(?:el\s+|la\s+)?|no\s+(?:se\s+permite|est[aá]\s+permitid[oa]|se\s+autoriza)\s+(?:(?:el|su)\s+(?:uso|utilizaci[oó]n)\s+(?:para|en)\s+)?(?:el\s+|la\s+)?|se\s+reservan?\s+(?:el|los)\s+derechos?\s+(?:de|a|sobre|para)\s+(?:la\s+|el\s+)?|reservad[oa]s?,?\s+(?:incluid[oa]s?|incluyendo)\s+(?:la\s+|el\s+)?|(?<!(?<![${WL}])(?:ninguna|sin)\s+)prohibici[oó]n\s+de\s+(?:el\s+|la\s+)?`,
    after: String.raw`(?:(?:est[aá]n?|queda|quedan)\s+)?(?:(?:estrictamente|expresamente|totalmente|terminantemente|absolutamente)\s+)?(?:prohibid[oa]s?|reservad[oa]s?|excluid[oa]s?|no\s+(?:permitid[oa]s?|autorizad[oa]s?))`,
  },
  it: {
    ai: String.raw`(?:addestramento|addestrare)(?:\s+(?:di|della|delle|dei|degli|per)\s+|\s+dell${Q}\s*|\s+)(?:l${Q}\s*|la\s+|una\s+|un${Q}\s*|le\s+)?(?:(?:modell[io]|sistem[ia])\s+(?:di\s+|d${Q}\s*)?)?(?:ia|i\.a\.|intelligenza\s+artificiale|ai)(?:\s+generativa)?|apprendimento\s+automatico`,
    mining: String.raw`estrazione\s+di\s+(?:test[io]\s+e\s+(?:di\s+)?)?dati|text\s+(?:and|&)\s+data\s+mining|data\s+mining|tdm`,
    before: String.raw`(?<!(?<![${WL}])non\s+(?:è\s+)?)(?:è\s+)?(?:vietat[oa]|proibit[oa])\s+(?:(?:l${Q}\s*|il\s+)(?:uso|utilizzo)\s+${OBJ_IT}(?:per|nell${Q}|nel|ai\s+fini\s+(?:di|dell${Q}))\s*)?(?:l${Q}\s*|il\s+|la\s+)?|(?:non|(?<!(?<![${WL}])non\s+(?:è\s+)?)(?:è\s+)?(?:vietat[oa]|proibit[oa]))\s+(?:utilizzare|usare|impiegare)\s+${OBJ_IT}(?:per|nell${Q}|nel|ai\s+fini\s+(?:di|dell${Q}))\s*(?:l${Q}\s*|il\s+|la\s+)?|(?<!(?<![${WL}])(?:nessun|senza)\s+)divieto\s+(?:di\s+|d${Q}\s*)(?:l${Q}\s*|il\s+|la\s+)?|nessun[oa]?\s+|riservati\s+i\s+diritti\s+(?:di|per)\s+(?:l${Q}\s*|la\s+)?`,
    after: String.raw`(?:(?:è|sono)\s+)?(?:(?:severamente|espressamente|rigorosamente|assolutamente|tassativamente)\s+)?(?:vietat[oaie]|proibit[oaie]|riservat[oaie]|esclus[oaie]|non\s+(?:consentit[oaie]|autorizzat[oaie]|permess[oaie]))`,
  },
  pt: {
    ai: String.raw`(?:treinamento|treino|treinar)(?:\s+(?:de|da|do|dos|das|para|com)\s+|\s+)(?:(?:a|uma|o|os|as)\s+)?(?:(?:modelos?|sistemas?)\s+(?:de\s+)?)?(?:ia|i\.a\.|intelig[eê]ncia\s+artificial|ai)(?:\s+generativa)?|aprendizagem\s+autom[aá]tica|aprendizado\s+de\s+m[aá]quina`,
    mining: String.raw`minera[cç][aã]o\s+de\s+(?:textos?\s+e\s+(?:de\s+)?)?dados|text\s+(?:and|&)\s+data\s+mining|tdm`,
    before: String.raw`(?<!(?<![${WL}])n[aã]o\s+(?:é\s+)?)(?:é\s+)?(?:proibid[oa]s?|vedad[oa]s?)\s+(?:(?:o|a|seu|sua)\s+(?:uso|utiliza[cç][aã]o)\s+${OBJ_PT}(?:para|em|no|na|com\s+fins\s+de)\s+)?(?:o\s+|a\s+)?|(?:n[aã]o|(?<!(?<![${WL}])n[aã]o\s+(?:é\s+)?)(?:é\s+)?(?:proibid[oa]|vedad[oa]))\s+(?:usar|utilizar|empregar)\s+${OBJ_PT}(?:para|em|no|na|com\s+fins\s+de)\s+(?:o\s+|a\s+)?|(?<!(?<![${WL}])(?:nenhuma|sem)\s+)proibi[cç][aã]o\s+de\s+(?:o\s+|a\s+)?|reservados\s+os\s+direitos\s+de\s+(?:o\s+|a\s+)?`,
    after: String.raw`(?:(?:é|está|são|estão|fica|ficam)\s+)?(?:(?:estritamente|expressamente|terminantemente|absolutamente)\s+)?(?:proibid[oa]s?|vedad[oa]s?|reservad[oa]s?|exclu[ií]d[oa]s?|n[aã]o\s+(?:permitid[oa]s?|autorizad[oa]s?))`,
  },
  nl: {
    ai: String.raw`(?:generatieve\s+)?(?:ai|a\.i\.|ki|kunstmatige\s+intelligentie)${H}*(?:(?:model(?:len)?|systemen?)${H}*)?training|(?:training|trainen)\s+(?:van\s+)?(?:(?:een|de)\s+)?(?:generatieve\s+)?(?:ai|a\.i\.|ki|kunstmatige\s+intelligentie)(?:${H}*(?:modellen|model|systemen|systeem))?|machine\s+learning`,
    mining: String.raw`tekst${H}*(?:en|&)${H}*data${H}*mining|data${H}*mining|tdm`,
    before: String.raw`(?:geen\s+(?:gebruik\s+(?:voor|bij|in)\s+)?|niet\s+(?:(?:te\s+)?gebruiken\s+)?(?:voor|bij)\s+|(?:mag|mogen)\s+niet\s+(?:gebruikt\s+worden\s+)?(?:voor|bij)\s+|(?<!(?<![${WL}])niet\s+)verboden\s+(?:voor|bij)\s+|(?<!(?<![${WL}])(?:geen|zonder)\s+)verbod\s+op\s+)(?:de\s+|het\s+)?`,
    after: String.raw`(?:(?:is|zijn|wordt|worden)\s+)?(?:(?:uitdrukkelijk|nadrukkelijk|strikt|ten\s+strengste)\s+)?(?:verboden|voorbehouden|uitgesloten|niet\s+(?:toegestaan|toegelaten))`,
  },
  // Polish (art. 26³ prawa autorskiego: "eksploracja tekstów i danych", its reservation "zastrzeżona").
  pl: {
    ai: String.raw`(?:trenowani(?:e|a|u|em)|treningu?|trenować|szkoleni(?:e|a|u)|uczeni(?:e|a|u))\s+(?:(?:modeli|modelu|systemów|systemu|narzędzi)\s+)?(?:(?:generatywnej|generatywnych|generatywnego)\s+)?(?:ai|si|sztucznej\s+inteligencji|sztuczną\s+inteligencję)(?:${H}*(?:modeli|modelu|systemów))?|(?:ai|si)${H}+(?:treningu?|trenowani(?:e|a|u))|uczeni(?:e|a|u)\s+maszynow(?:e|ego|ym)`,
    mining: String.raw`eksploracj(?:a|i|ę)\s+(?:tekstów\s+i\s+)?danych|text\s+(?:and|&)\s+data\s+mining|tdm`,
    before: String.raw`(?<!bez\s|brak\s)zakaz\s+(?:(?:wykorzystywania|wykorzystania|używania|użycia|stosowania)\s+${OBJ_PL}(?:do|w\s+celu|w\s+celach|na\s+potrzeby|dla)\s+)?|nie\s+do\s+(?:(?:wykorzystania|użycia|użytku)\s+(?:do|w\s+celu|przy)\s+)?|nie\s+(?:wolno|należy)\s+(?:wykorzystywać|używać|wykorzystać|użyć|stosować)\s+${OBJ_PL}(?:do|w\s+celu|w\s+celach|na\s+potrzeby)\s+|nie\s+(?:(?:może|mogą)\s+(?:być\s+)?)?(?:wykorzystywan[eyaoi]|wykorzystan[eyaoi]|używan[eyaoi]|użyt[eyaoi])\s+(?:do|w\s+celu|w\s+celach|na\s+potrzeby)\s+|nie\s+(?:wykorzystywać|używać)\s+${OBJ_PL}(?:do|w\s+celu|w\s+celach)\s+|(?<!nie\s)zabrania\s+się\s+(?:(?:wykorzystywania|wykorzystania|używania|użycia)\s+${OBJ_PL}(?:do|w\s+celu|w\s+celach|na\s+potrzeby)\s+)?|(?<!nie\s|nie\sjest\s)(?:zabronione|zakazane)\s+(?:jest\s+)?(?:(?:wykorzystywanie|wykorzystanie|używanie|użycie)\s+${OBJ_PL}(?:do|w\s+celu|w\s+celach|na\s+potrzeby)\s+)?|zastrzeżone,?\s+(?:w\s+tym|również|także)\s+(?:(?:prawo\s+)?do\s+|w\s+zakresie\s+)?`,
    after: String.raw`(?:(?:jest|są|pozostaje|pozostają)\s+)?(?:(?:surowo|ściśle|wyraźnie|całkowicie|bezwzględnie)\s+)?(?:zabronion[eayi]|zakazan[eayi]|zastrzeżon[eayi]|wyłączon[eayi]|niedozwolon[eayi]|nie\s+(?:jest\s+)?dozwolon[eayi])`,
    // "Zastrzegamy sobie prawo do eksploracji tekstów i danych": the reservation a few words before the use, within one sentence.
    reserve: String.raw`(?<!nie\s)(?:zastrzega(?:my|ją)?\s+(?:się|sobie)|zastrzegam\s+sobie)(?:[^;.!?]|\.(?=\s?\d)){0,80}?`,
  },
  // Russian (ИИ = искусственный интеллект; нейросеть, neural network, as owners name AI).
  ru: {
    ai: String.raw`(?:обучени(?:е|я|и|ю)|обучать|обучить|тренировк(?:а|и|у|е)|тренировать)\s+(?:(?:моделей|модели|систем)\s+)?(?:(?:генеративного|генеративных)\s+)?(?:ии|ai|искусственного\s+интеллекта|искусственный\s+интеллект|нейросет(?:ей|и|ь)|нейронных\s+сетей|нейронной\s+сети)(?:${H}*(?:моделей|модели|систем))?|машинн(?:ого|ое|ому|ом)\s+обучени(?:е|я|ю|и)`,
    mining: String.raw`(?:интеллектуальн(?:ый|ого|ому)\s+)?анализ(?:а|у)?\s+текст(?:ов|а)\s+и\s+данных|интеллектуальн(?:ый|ого|ому)\s+анализ(?:а|у)?\s+данных|text\s+(?:and|&)\s+data\s+mining|tdm`,
    before: String.raw`(?<!не\s)(?:запрещено|запрещается)\s+(?:(?:использовать|использование|применять|применение)\s+${OBJ_RU}(?:для|в\s+целях|при)\s+|для\s+)?|не\s+(?:для|в\s+целях)\s+(?:(?:использования|применения)\s+(?:для|в\s+целях|при)\s+)?|не\s+(?:использовать|применять)\s+${OBJ_RU}(?:для|в\s+целях|при)\s+|нельзя\s+(?:использовать|применять)\s+${OBJ_RU}(?:для|в\s+целях|при)\s+|не\s+(?:допускается|разрешается|разрешено)\s+(?:(?:использование|применение|использовать)\s+${OBJ_RU}(?:для|в\s+целях|при)\s+)?|(?<!нет\s|без\s)запрет\s+(?:на\s+)?(?:(?:использование|применение)\s+${OBJ_RU}(?:для|в\s+целях|при)\s+)?|защищены,?\s+(?:в\s+том\s+числе|включая)\s+(?:(?:право\s+на|права\s+на)\s+)?`,
    after: String.raw`(?:(?:строго|категорически|прямо|полностью)\s+)?(?:запрещен(?:о|а|ы)?|запрещён(?:о|а|ы)?|запрещается|запрещаются|зарезервирован(?:о|а|ы)?|не\s+(?:допускается|допускаются|разрешается|разрешено|разрешен(?:о|а|ы)?))`,
  },
  // Ukrainian (ШІ = штучний інтелект; also typed with a Latin I).
  uk: {
    ai: String.raw`(?:навчанн(?:я|і|ю)|навчати|тренуванн(?:я|і|ю)|тренувати)\s+(?:(?:моделей|моделі|систем)\s+)?(?:генеративного\s+)?(?:ш[іi]|ai|штучного\s+інтелекту|штучний\s+інтелект|нейромереж(?:і|а)?|нейронних\s+мереж)(?:${H}*(?:моделей|моделі|систем))?|машинн(?:ого|е|ому)\s+навчанн(?:я|і|ю)`,
    mining: String.raw`(?:інтелектуальн(?:ий|ого|ому)\s+)?аналіз(?:у)?\s+текст(?:ів|у)\s+(?:і|та)\s+даних|інтелектуальн(?:ий|ого|ому)\s+аналіз(?:у)?\s+даних|text\s+(?:and|&)\s+data\s+mining|tdm`,
    before: String.raw`(?<!не\s)(?:заборонено|забороняється)\s+(?:(?:використовувати|використання|застосовувати)\s+${OBJ_UK}(?:для|з\s+метою|у\s+цілях)\s+|для\s+)?|не\s+(?:для|з\s+метою)\s+|не\s+(?:використовувати|застосовувати)\s+${OBJ_UK}(?:для|з\s+метою)\s+|не\s+(?:можна|дозволяється|допускається)\s+(?:(?:використовувати|використання)\s+${OBJ_UK}(?:для|з\s+метою)\s+)?|(?<!немає\s|без\s)заборона\s+(?:на\s+)?(?:(?:використання|застосування)\s+${OBJ_UK}(?:для|з\s+метою)\s+)?`,
    after: String.raw`(?:(?:суворо|категорично|прямо|повністю)\s+)?(?:заборонен(?:о|а|і|е)?|забороняється|зарезервован(?:о|а|і)?|не\s+(?:допускається|дозволяється|дозволено))`,
  },
  // Czech ("vytěžování textů a dat", its reservation "vyhrazeno"; UI = umělá inteligence).
  cs: {
    ai: String.raw`(?:trénování|tréninku?|trénovat|učení|výcviku?)\s+(?:(?:modelů|modelu|systémů)\s+)?(?:generativní\s+)?(?:ai|ui|umělé\s+inteligence|umělou\s+inteligenci)(?:${H}*(?:modelů|modelu|systémů))?|(?:ai|ui)${H}+(?:tréninku?|trénování)|strojov(?:é|ého|ému|ém)\s+učení`,
    mining: String.raw`(?:vytěžování|vytěžení|dolování|těžb(?:a|ě|u|y))\s+(?:textů?\s+a\s+)?dat|text\s+(?:and|&)\s+data\s+mining|data\s+mining|tdm`,
    before: String.raw`(?<!žádný\s|bez\s)zákaz\s+(?:(?:použití|používání|využití|využívání)\s+${OBJ_CS}(?:pro|k|ke|na|za\s+účelem)\s+)?|(?<!není\s|nebylo\s)zakázáno\s+(?:(?:použít|používat|využít|využívat|použití|využití)\s+${OBJ_CS}(?:pro|k|ke|na|za\s+účelem)\s+)?|ne(?:smí|smějí)\s+(?:být\s+)?(?:použit[aoy]?|využit[aoy]?|používán[aoy]?|využíván[aoy]?)\s+(?:pro|k|ke|na|za\s+účelem)\s+|ne(?:používat|využívat)\s+${OBJ_CS}(?:pro|k|ke|na|za\s+účelem)\s+|není\s+určen[oaé]?\s+(?:pro|k|ke)\s+|ne\s+(?:pro|k|ke)\s+|vyhrazen[aoy]?,?\s+(?:včetně|a\s+to\s+i)\s+(?:práva\s+(?:na|k)\s+)?`,
    after: String.raw`(?:(?:je|jsou|zůstává|zůstávají)\s+)?(?:(?:přísně|výslovně|zcela)\s+)?(?:zakázán[oaéy]?|vyhrazen[oaéy]?|vyloučen[oaéy]?|nepovolen[oaéy]?|(?:není|nejsou)\s+(?:povolen[oaéy]?|dovolen[oaéy]?))`,
    // "Vyhrazujeme si právo na vytěžování textů a dat", "Autor si vyhrazuje …": the reservation a few words before the use.
    reserve: String.raw`(?:vyhrazuj(?:e|eme|í)\s+si|si\s+vyhrazuj(?:e|eme|í))(?:[^;.!?]|\.(?=\s?\d)){0,80}?`,
  },
  // Swedish ("text- och datautvinning", its reservation "förbehålls").
  sv: {
    ai: String.raw`(?:generativ${H}+)?(?:ai|artificiell\s+intelligens)${H}*(?:(?:modell(?:er)?|system)${H}*)?träning|(?:träning|träna)\s+(?:av\s+|för\s+)?(?:(?:en|ett)\s+)?(?:generativ\s+)?(?:ai|artificiell\s+intelligens)(?:${H}*(?:modeller|modell|system))?|maskininlärning`,
    mining: String.raw`text${H}*(?:och|&)${H}*data${H}*utvinning|text${H}*utvinning\s+och\s+data${H}*utvinning|data${H}*utvinning|text${H}*(?:and|&)${H}*data${H}*mining|tdm`,
    before: String.raw`(?:får|ska|skall|kan)\s+(?:inte|ej)\s+(?:användas|nyttjas|utnyttjas)\s+(?:för|till|vid|i)\s+(?:att\s+)?|(?:inte|ej)\s+(?:för|till)\s+|ingen\s+(?:användning\s+(?:för|till|vid)\s+)?|(?<!inte\s|ej\s)förbjudet?\s+(?:att\s+(?:använda|nyttja)\s+${OBJ_SV}(?:för|till|vid)\s+(?:att\s+)?|för\s+)|(?<!inget\s|inga\s)förbud\s+mot\s+(?:(?:användning|att\s+använda\s+${OBJ_SV})\s*(?:för|till|vid)\s+)?|använd\s+(?:inte|ej)\s+${OBJ_SV}(?:för|till)\s+(?:att\s+)?|förbehåll(?:na|s|es),?\s+(?:inklusive|även)\s+(?:för\s+|rätten\s+till\s+)?`,
    after: String.raw`(?:(?:är|förblir)\s+)?(?:(?:strängt|uttryckligen|helt)\s+)?(?:förbjud(?:en|et|na)|förbehåll(?:en|et|na|s|es)|undantag(?:en|et|na)|(?:inte|ej)\s+tillåt(?:en|et|na)|otillåt(?:en|et|na))`,
  },
  // Danish ("tekst- og datamining", its reservation "forbeholdes"; KI = kunstig intelligens).
  da: {
    ai: String.raw`(?:generativ${H}+)?(?:ai|ki|kunstig\s+intelligens)${H}*(?:(?:model(?:ler)?|system(?:er)?)${H}*)?træning|(?:træning|træne)\s+(?:af\s+|til\s+)?(?:(?:en|et)\s+)?(?:generativ\s+)?(?:ai|ki|kunstig\s+intelligens)(?:${H}*(?:modeller|model|systemer|system))?|maskinlæring`,
    mining: String.raw`tekst${H}*(?:og|&)${H}*data${H}*(?:mining|udvinding)|data${H}*(?:mining|udvinding)|text${H}*(?:and|&)${H}*data${H}*mining|tdm`,
    before: String.raw`(?:må|skal|kan)\s+ikke\s+(?:bruges|anvendes|benyttes|udnyttes)\s+(?:til|i|ved|for)\s+(?:at\s+)?|ikke\s+til\s+|ingen\s+(?:brug\s+(?:til|i)\s+)?|(?<!ikke\s)forbudt\s+(?:at\s+(?:bruge|anvende|benytte)\s+${OBJ_DA}(?:til|i|ved)\s+(?:at\s+)?|til\s+)|(?<!intet\s|ingen\s)forbud\s+mod\s+(?:(?:brug|anvendelse)\s+(?:til|i)\s+)?|brug\s+ikke\s+${OBJ_DA}(?:til|i)\s+(?:at\s+)?|forbehold(?:t|es|te),?\s+(?:herunder|inklusive)\s+(?:(?:retten\s+til|til)\s+)?`,
    after: String.raw`(?:(?:er|forbliver)\s+)?(?:(?:strengt|udtrykkeligt?|helt)\s+)?(?:forbudt|forbeholdt|forbeholdes|undtaget|ikke\s+tilladt)`,
  },
  // Norwegian Bokmål (KI = kunstig intelligens; "tekst- og datautvinning", reserved "forbeholdt").
  nb: {
    ai: String.raw`(?:generativ${H}+)?(?:ai|ki|kunstig\s+intelligens)${H}*(?:(?:modell(?:er)?|system(?:er)?)${H}*)?trening|(?:trening|trene)\s+(?:av\s+|til\s+)?(?:(?:en|et)\s+)?(?:generativ\s+)?(?:ai|ki|kunstig\s+intelligens)(?:${H}*(?:modeller|modell|systemer|system))?|maskinlæring`,
    mining: String.raw`tekst${H}*(?:og|&)${H}*data${H}*(?:utvinning|mining)|data${H}*(?:utvinning|mining)|text${H}*(?:and|&)${H}*data${H}*mining|tdm`,
    before: String.raw`(?:skal|må|kan)\s+ikke\s+(?:brukes|benyttes|anvendes|utnyttes)\s+(?:til|i|ved|for)\s+(?:å\s+)?|ikke\s+til\s+|ingen\s+(?:bruk\s+(?:til|i)\s+)?|(?<!ikke\s)forbudt\s+(?:å\s+(?:bruke|benytte|anvende)\s+${OBJ_NB}(?:til|i|ved)\s+(?:å\s+)?|til\s+)|(?<!ikke\s|intet\s|ingen\s)forbud\s+mot\s+(?:(?:bruk|anvendelse)\s+(?:til|i)\s+)?|forbehold(?:t|es),?\s+(?:herunder|inkludert|inklusive)\s+(?:(?:retten\s+til|til)\s+)?`,
    after: String.raw`(?:(?:er|forblir)\s+)?(?:(?:strengt|uttrykkelig|helt)\s+)?(?:forbudt|forbeholdt|forbeholdes|unntatt|ikke\s+tillatt)`,
  },
  // Finnish (tekoäly = AI; "tekstin- ja tiedonlouhinta", its reservation "pidätetään"; the use in
  // the illative after the verb: "Ei saa käyttää tekoälyn koulutukseen").
  fi: {
    ai: String.raw`(?:generatiivisen\s+)?(?:tekoäly(?:n|mallien|mallin|mallit|järjestelmien)?|ai(?:${H}*mallien)?)${H}*(?:koulutu(?:s|ksen|kseen|sta)|koulutta(?:minen|miseen|mista|misen)|opetta(?:minen|miseen|mista|misen))|koneoppi(?:minen|miseen|mista|misen)`,
    mining: String.raw`tekstin?${H}*(?:ja|&)${H}*tiedonlouhin(?:ta|taa|taan|nan)|tiedonlouhin(?:ta|taa|taan|nan)|text${H}*(?:and|&)${H}*data${H}*mining|tdm`,
    before: String.raw`ei\s+saa\s+(?:käyttää|hyödyntää)\s+${OBJ_FI}|(?:älä|ei)\s+käytä\s+${OBJ_FI}|ei\s+(?:käytettäväksi\s+)?|(?<!ole\s|ei\s)kielletty\s+(?:käyttää\s+${OBJ_FI})?|(?<!ei\s)kielletään\s+(?:käyttämästä\s+${OBJ_FI})?|pidätetään,?\s+(?:myös|mukaan\s+lukien)\s+(?:oikeus\s+)?`,
    after: String.raw`(?:(?:on|ovat)\s+)?(?:(?:ehdottomasti|nimenomaisesti|täysin)\s+)?(?:kielletty|kiellettyä|kielletään|pidätetään|pidätetty|ei\s+(?:ole\s+)?sallittu|ei\s+sallita)`,
  },
  // Turkish (verb-final: the refusal follows the use, "… eğitiminde kullanılması yasaktır").
  tr: {
    ai: turkish(String.raw`(?:üretken\s+)?(?:yapay\s+zeka|yapay\s+zekâ|yz|ai)(?:\s+(?:modellerinin|modelinin|modelleri|sistemlerinin))?\s+(?:eğitiminde|eğitimine|eğitiminin|eğitimi|eğitim|eğitmek|eğitilmesinde|eğitilmesine|eğitilmesi)|makine\s+(?:öğrenmesinde|öğrenmesine|öğrenmesi|öğreniminde|öğrenimine|öğrenimi)`),
    mining: turkish(String.raw`(?:metin\s+ve\s+)?veri\s+madenciliğinde|(?:metin\s+ve\s+)?veri\s+madenciliğine|(?:metin\s+ve\s+)?veri\s+madenciliği|text\s+(?:and|&)\s+data\s+mining|tdm`),
    before: '(?!)',
    after: turkish(String.raw`(?:(?:için|amacıyla|amaçlı)\s+)?(?:(?:kullanılması|kullanılmasına|kullanımı|kullanımına)\s+)?(?:(?:kesinlikle|açıkça)\s+)?(?:yasaktır|yasak(?!\s+değil)|yasaklanmıştır|kullanılamaz|kullanılmaz|kullanılmamalıdır|izin\s+verilmez|izin\s+verilmemektedir|(?:hakkı|hakları)\s+saklıdır|saklıdır)`),
  },
};

/**
 * A legal reference between a use and its refusing word: "Text- und Data-Mining gemäß § 44b UrhG
 * vorbehalten". (A parenthesis there, "(§ 44b UrhG)", "(TDM)", up to 40 characters, is read past too.)
 */
const LEGAL_REF = String.raw`(?:gemäß|gem\.|nach|i\.\s?s\.\s?d\.)\s+§+\s*\d+\s*[a-z]?(?:\s+abs\.\s*\d+)?(?:\s+urhg)?`;

/** "Keine Nutzung für USE", "USE untersagt", "Nutzungsvorbehalt … USE", in one language. */
function spacedRefusing(l: Spaced, use: string): string {
  const u = `(?:${use})`;
  return String.raw`(?<![${WL}])(?:(?:${l.before})${u}${NOT_A_QUALIFIER}|${u}(?:\s*\([^()]{1,40}\))?(?:\s+${LEGAL_REF})?(?:\s*:\s*|\s+)(?:${l.after})(?![${WL}])${l.reserve ? `|(?:${l.reserve})${u}(?![${WL}])` : ''})`;
}

// Japanese and Chinese (written without spaces; a refusal is a compound: AI学習禁止, 禁止AI训练).
/** AI, generative AI, 人工知能 / 人工智能 / 人工智慧. Not inside a Latin word ("OPENAI学習" is not "AI学習"). */
const CJK_AI = String.raw`(?<![a-z0-9])(?:生成(?:式|型)?\s*)?(?:ai|aigc|人工知能|人工智能|人工智慧)`;
/** AI学習, AIの学習, AIによる学習, 生成AIへの学習, AIモデルの学習, AI训练, AI模型训练, AI學習, 训练AI, 投喂AI (feeding to AI), 機械学習, 机器学习. */
const CJK_AI_TRAINING = String.raw`${CJK_AI}\s*(?:モデル\s*(?:の|への)?|による|での|向けの?|の|への|に|用|的|模型)?\s*(?:学習|學習|学习|训练|訓練|トレーニング|ラーニング)|(?:训练|訓練|学习|學習)\s*${CJK_AI}|(?:投喂|投餵|喂给|餵給|喂)\s*(?:给|給)?\s*${CJK_AI}|機械学習|机器学习|機器學習|深層学習|深度学习|深度學習`;
const CJK_MINING = String.raw`(?:テキスト\s*(?:・|及び|および|と|&)?\s*)?データ\s*マイニング|(?:文本\s*(?:和|与|與|及)?\s*)?(?:数据|數據)\s*(?:挖掘|挖矿|挖礦)|(?<![a-z0-9])tdm`;
/** Japanese between the use and the refusing word: への利用, に使用すること, 目的での無断使用は, 等への, 用データとして, … */
const JA_LINK = String.raw`\s*(?:等|など)?\s*(?:目的|用途|用)?\s*(?:データ|素材)?\s*(?:としての|として|での|への|へ|に|で|の)?\s*(?:無断\s*)?(?:利用|使用|転用|流用|学習)?\s*(?:すること|する事|させること|させる事)?\s*(?:は|を|も|が)?\s*`;
/**
 * Other things refused in the same breath: AI学習・無断転載禁止, AI学習、無断転載、自作発言を禁止.
 * An item saying 可 / 許 / OK / 自由 / 歓迎 permits, so "AI学習・商用利用可、無断転載禁止" stays info.
 * Items hold no separator, so each ends at the next one: linear.
 */
const JA_LIST = String.raw`(?:[・、,/&]\s*(?:(?!可|許|ok|自由|歓迎|フリー)[^・、,/&。.!?\n]){1,16}?){0,5}`;
/**
 * The refusing word is not itself negated: 禁止ではありません, 禁止じゃない, 禁止しない, 禁止して
 * いません, 禁止されておりません, 禁止を解除. Only the word's own conjugation counts: ない / なく
 * further on ("AI学習禁止（例外なく）", "禁止 許可なく使用しないで") negates nothing.
 */
const JA_NOT_NEGATED = String.raw`(?!\s*(?:(?:では|じゃ|で)\s*(?:ない|なく|ありません|ございません)|(?:し|さ\s*れ)\s*(?:て\s*(?:い|お(?:り)?))?\s*(?:ない|なく|ません|ず)|(?:を|の)?\s*解除|とは(?:し|言え|いえ)(?:ない|ません)))`;
/** 禁止, 厳禁, 不可, お断り, NG (a word of its own, not the end of `Nutzung`), ご遠慮, しないで, 禁じ, 拒否, 反対; not 禁止ではありません, 禁止していません, 禁止されていない, 不可欠. */
const JA_REFUSE = String.raw`(?:固く|かたく|厳に|一切|絶対(?:に)?)?\s*(?:禁止|厳禁|严禁|嚴禁|禁ず|禁じ|不可(?!欠)|お断り|お断わり|(?<![a-z])ng(?![a-z])|ご遠慮|遠慮|お控え|控えて|しないで|しないこと|させないで|使わないで|やめて|止めて|拒否|反対)${JA_NOT_NEGATED}`;
/** 【禁止事項】無断転載・AI学習, 禁止: AI学習. */
const JA_HEADED = String.raw`禁止(?:事項|行為)\s*[:】」』\])]?\s*(?:[^\n。:・、,/&]{1,16}[・、,/&]\s*){0,5}|禁止\s*:\s*`;
/** Chinese refusing words before the use, not negated (不禁止, 并不禁止, 未禁止 refuse nothing). */
const ZH_REFUSE = String.raw`(?<![不未没沒非并並别別])(?:禁止|严禁|嚴禁|不得|不准|不可|不允许|不允許|不许|不許|请勿|請勿|切勿|勿|谢绝|謝絕|拒绝|拒絕)`;
/** 将本作品用于, 未经授权用于, 被擅自用作, … (each part optional, in this order). */
const ZH_LINK = String.raw`\s*(?:(?:将|將|把|对|對)\s*)?(?:(?:本|此|该|該|这|這|所有|任何)\s*)?(?:(?:作品|图片|圖片|图像|圖像|照片|内容|內容|图|圖|素材|插画|插畫)\s*)?(?:被\s*)?(?:(?:擅自|私自|未经授权|未經授權|未经许可|未經許可)\s*)?(?:(?:用于|用於|用作|用来|用來|用以|进行|進行|作为|作為|参与|參與|投入|投喂|喂给|餵給|拿去|拿来|拿來|使用于|使用於)\s*)?(?:(?:任何|其他)\s*)?(?:形式的?\s*)?`;
/** The use is not followed by a permission. 禁止 … AI训练数据 refuses: 禁止 commands, it cannot describe (unlike English "no AI training data"). */
const ZH_NOT_PERMITTED = String.raw`(?!\s*(?:可以|可|允许|允許|ok|没问题|沒問題|欢迎|歡迎))`;

function cjkRefusing(use: string): string {
  const u = `(?:${use})`;
  return String.raw`${u}(?:\s*\([^()]{1,20}\))?${JA_LINK}${JA_LIST}${JA_REFUSE}|(?:${JA_HEADED})${u}|${ZH_REFUSE}${ZH_LINK}${u}${ZH_NOT_PERMITTED}`;
}

// Korean.
const KO_AI_TRAINING = String.raw`(?<![a-z0-9])(?:생성형\s*)?(?:ai|인공\s*지능)\s*(?:모델\s*)?(?:의\s*)?(?:학습|훈련|트레이닝)|머신\s*러닝|기계\s*학습`;
const KO_MINING = String.raw`(?:텍스트\s*(?:및|와|,)?\s*)?데이터\s*마이닝|(?<![a-z0-9])tdm`;
/** AI 학습 및 무단 전재 금지: other things refused in the same breath; an item saying 허용 / 가능 / OK / 자유 permits. Items hold no separator: linear. */
const KO_LIST = String.raw`(?:\s*(?:및|,|·|・|/)\s*(?:(?!및|허용|가능|ok|자유|괜찮)[^,·・/.!?\n]){1,16}?){0,5}`;
/** 에 사용, 용으로 이용, 목적의 무단 활용을, … then 금지, 불가, 금합니다, 거부, 사절, 하지 마; not 금지하지 않습니다, 금지가 아닙니다. */
function koreanRefusing(use: string): string {
  return String.raw`(?:${use})${KO_LIST}\s*(?:용도|목적|용)?\s*(?:데이터|자료)?\s*(?:으로|로|에의|에|의)?\s*(?:무단\s*)?(?:사용|이용|활용|도용)?\s*(?:을|를|은|는|도|이|가)?\s*(?:(?:절대(?:로)?|일체|엄격히)\s*)?(?:금지|불가|금합니다|금함|거부|사절|하지\s*마|마세요|마십시오)(?!\s*(?:하지|되지|되어\s*있지|가\s*아닙|가\s*아니|아님|않|해제))`;
}

/**
 * Every language but English, for one kind of use: one RegExp per language. (Joined into one
 * alternation, the forms of fourteen languages ran ten times slower on a long text than the
 * same forms tested one language at a time.)
 */
function otherLanguages(pick: (l: Spaced) => string, cjk: string, korean: string): readonly RegExp[] {
  const spaced = Object.values(SPACED).map((l) => spacedRefusing(l, pick(l)));
  return [...spaced, cjkRefusing(cjk), koreanRefusing(korean)].map((source) => new RegExp(source, 'iu'));
}

const REFUSES_AI_TRAINING_I18N = otherLanguages((l) => l.ai, CJK_AI_TRAINING, KO_AI_TRAINING);
const REFUSES_MINING_I18N = otherLanguages((l) => l.mining, CJK_MINING, KO_MINING);

/**
 * Cyrillic and Greek letters drawn like Latin ones (Unicode confusables), which NFKC leaves
 * alone: `Nо AI training` with a Cyrillic `о`, `ΑΙ` in Greek capitals.
 */
const LATIN_LOOKALIKES: ReadonlyMap<string, string> = new Map([
  ...[...'аеорсухіјѕԁһӏԛԝ'].map((c, i) => [c, 'aeopcyxijsdhlqw'[i]!] as const),
  ...[...'АВЕКМНОРСТХІЈЅУ'].map((c, i) => [c, 'ABEKMHOPCTXIJSY'[i]!] as const),
  ...[...'αοινΑΒΕΖΗΙΚΜΝΟΡΤΥΧ'].map((c, i) => [c, 'aoivABEZHIKMNOPTYX'[i]!] as const),
]);
const LATIN_LOOKALIKE_CLASS = `[${[...LATIN_LOOKALIKES.keys()].join('')}]`;
const HAS_LATIN_LOOKALIKE = new RegExp(LATIN_LOOKALIKE_CLASS);
const LATIN_LOOKALIKE = new RegExp(LATIN_LOOKALIKE_CLASS, 'g');

/** The PLUS Data Mining ID a text's plain-language refusal amounts to, or null if it states none. */
export function plainLanguageRefusal(text: string): 'DMI-PROHIBITED' | 'DMI-PROHIBITED-AIMLTRAINING' | null {
  // Decision (DESIGN.md §2 rule 3): the text as its reader sees it (lookalikes.ts): full-width
  // `ＮＯ ＡＩ ｔｒａｉｎｉｎｇ` or `No AI<zero-width space> training` is the refusal it shows.
  const t = foldLookalikes(text).replace(/\s+/g, ' ');
  // And, where it holds Cyrillic or Greek letters drawn like Latin ones, as read with them Latin
  // too (either reading refusing refuses: the one that cannot keep what the owner refused). Text
  // written in Cyrillic or Greek folds to no refusal: every phrase needs letters (g, r, d, n in
  // lower case, …) neither script draws like Latin, so only mixed words like `Nо` read anew.
  // (A Russian or Ukrainian refusal is read in the first reading, as written; folded, its words
  // no longer match, and it needs no second.)
  const readings = HAS_LATIN_LOOKALIKE.test(t) ? [t, t.replace(LATIN_LOOKALIKE, (c) => LATIN_LOOKALIKES.get(c) ?? c)] : [t];
  if (readings.some((r) => REFUSES_MINING.test(r) || REFUSES_SCRAPING.test(r) || REFUSES_MINING_I18N.some((re) => re.test(r)))) return 'DMI-PROHIBITED';
  if (readings.some((r) => REFUSES_AI_TRAINING.test(r) || REFUSES_AI_USE.test(r) || NOAI_TAG.test(r) || REFUSES_AI_TRAINING_I18N.some((re) => re.test(r)))) return 'DMI-PROHIBITED-AIMLTRAINING';
  return null;
}
