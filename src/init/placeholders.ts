/**
 * The placeholder texts `lehtinen init` writes: one of every block of the content model
 * (docs/content-model.md), so a new workspace builds at once and shows where each text goes. Each is
 * recorded as a draft of exactly this text in status.yaml, so check, build and proofs flag it until the
 * campaign's own text replaces it. Languages without a set here get no campaign texts (they fall back).
 */
export interface PlaceholderSet {
  common: Record<string, unknown>;
  materials: Record<string, Record<string, unknown>>;
}

type Words = {
  org: string; logo: string; campaign: string; tagline: string; people: string; role: string; funder: string;
  eyebrow: string; heading: string; point: (n: number) => string; callout: string; topic: string; para1: string; para2: string;
  item: string; itemText: string; note: string; brochure: string; card: string; bookmark: string;
};

const WORDS: Record<string, Words> = {
  fi: {
    org: 'Organisaation nimi', logo: 'Organisaation tunnus', campaign: 'Kampanjan nimi',
    tagline: 'Yksi lause siitä, mitä lukija saa tietää.', people: 'Lisätietoja', role: 'Tehtävänimike',
    funder: 'Rahoittajan maininta, esimerkiksi: Hanke on … rahoittama.', eyebrow: 'Yläotsikko', heading: 'Otsikko',
    point: (n) => `${['Ensimmäinen', 'Toinen', 'Kolmas'][n]} kohta: lista voi olla minkä pituinen tahansa.`,
    callout: 'Yhteenveto tai kehotus lukijalle.', topic: 'Aihe', para1: 'Ensimmäinen kappale tekstiä.',
    para2: 'Toinen kappale. **Lihavointi** ja *kursiivi* toimivat.', item: 'Kohta', itemText: 'Lyhyt kuvaus kohdasta.',
    note: 'Loppuhuomautus palstan alareunassa.', brochure: 'esite', card: 'kortti', bookmark: 'kirjanmerkki',
  },
  en: {
    org: 'Name of the organisation', logo: 'Logo of the organisation', campaign: 'Name of the campaign',
    tagline: 'One sentence on what the reader learns.', people: 'More information', role: 'Job title',
    funder: "The funder's statement, e.g. The project is funded by …", eyebrow: 'Eyebrow', heading: 'Heading',
    point: (n) => `${['First', 'Second', 'Third'][n]} point: a list may be of any length.`,
    callout: 'A summary or a call to the reader.', topic: 'Topic', para1: 'A first paragraph of text.',
    para2: 'A second paragraph. **Bold** and *italic* work.', item: 'Item', itemText: 'A short description of the item.',
    note: 'A closing note at the foot of the panel.', brochure: 'brochure', card: 'card', bookmark: 'bookmark',
  },
  sv: {
    org: 'Organisationens namn', logo: 'Organisationens logotyp', campaign: 'Kampanjens namn',
    tagline: 'En mening om vad läsaren får veta.', people: 'Mer information', role: 'Titel',
    funder: 'Finansiärens omnämnande, till exempel: Projektet finansieras av …', eyebrow: 'Överrubrik', heading: 'Rubrik',
    point: (n) => `${['Första', 'Andra', 'Tredje'][n]} punkten: en lista kan vara hur lång som helst.`,
    callout: 'En sammanfattning eller en uppmaning till läsaren.', topic: 'Ämne', para1: 'Ett första stycke text.',
    para2: 'Ett andra stycke. **Fetstil** och *kursiv* fungerar.', item: 'Punkt', itemText: 'En kort beskrivning av punkten.',
    note: 'En slutkommentar längst ned i spalten.', brochure: 'broschyr', card: 'kort', bookmark: 'bokmärke',
  },
};

export function hasPlaceholders(lang: string): boolean {
  return lang in WORDS;
}

/** The placeholder texts of one language (en for a language without its own set). */
export function placeholders(lang: string, materials: string[], person: string, funder: string): PlaceholderSet {
  const w = WORDS[lang] ?? WORDS.en!;
  const list = [0, 1, 2].map((n) => w.point(n));
  const sections: Record<string, Record<string, unknown>> = {
    brochure: {
      first: { eyebrow: w.eyebrow, title: w.heading, list, callout: w.callout },
      second: { eyebrow: w.topic, title: w.heading, text: `${w.para1}\n\n${w.para2}` },
      third: { title: w.heading, items: [{ title: w.item, text: w.itemText }, { title: w.item, text: w.itemText }] },
      fourth: { title: w.heading, text: w.para1, note: w.note },
    },
    bookmark: { first: { title: w.heading, list } },
  };
  const out: PlaceholderSet = {
    common: {
      organisation: { name: w.org },
      logo: { alt: w.logo },
      campaign: { name: w.campaign, tagline: w.tagline },
      people: { title: w.people, [person]: { role: w.role } },
      funders: { [funder]: w.funder },
    },
    materials: {},
  };
  for (const m of materials) {
    const name = (w as unknown as Record<string, string>)[m] ?? m;
    out.materials[m] = { title: `${w.campaign} – ${name}`, ...(sections[m] ? { sections: sections[m] } : {}) };
  }
  return out;
}
