/*
 * Allergen classes: which medicines share an allergy risk, for checking a scanned product against a
 * patient's recorded allergies.
 *
 * Curated by hand, versioned by ALLERGEN_CLASSES_VERSION. Every code below was found in a public source
 * (named in the comment beside it); a member with no code found carries its name only. Nothing here
 * is invented. SNOMED CT codes are used under the SNOMED CT licence that covers the UK; dm+d codes are
 * NHSBSA data under the Open Government Licence v3.0.
 *
 * Source keys used in the comments:
 *   [UKCore]  NHSDigital/FHIR-R4-UKCORE-STAGING-MAIN examples/ (UK Core example resources)
 *   [CHTERM]  hl7ch/ch-term input/resources/valueset/ActivePharmaceuticalIngredient.xml
 *             (Swiss active-ingredient value set, SNOMED CT substances, 2024), MIT
 *   [MII]     medizininformatik-initiative/kerndatensatz-kardiologie
 *             input/fsh/valuesets/MII_VS_Kardio_Allergene_SNOMEDCT.fsh (class roots for allergen substances, 2025)
 *   [R4VS]    HL7 FHIR R4 4.0.1 ValueSet allergyintolerance-code / substance-code expansions (2019), as reproduced in
 *             GinoCanessa/FhirTypeScriptOddsAndEnds src/fhirValueSets/*.ts. Older SNOMED CT release: some of these
 *             concepts may since have been inactivated; they are kept so that older records still match.
 *   [GMSDE]   UoM-Data-Science-Platforms/gm-sde allergy/1/allergy.snomed.txt and
 *             shared/clinical-code-sets/medications/*.snomed.txt (UK primary-care code sets)
 *   [IMAPI]   endeavourhealth-discovery/IMAPI TestQueries/ECLDefinitions/oral nsaids_definition.ecl, Apache-2.0
 *   [NZ]      tewhatuora/cinc-fhir-ig input/fsh/terminology/RheumaticFeverMedicationAllergyValueSet.fsh
 *   [IPS]     HL7/fhir-ips input/fsh/valuesets/AllergyIntoleranceUvIps.fsh
 *   [OPH]     bennettoxford/openprescribing-hospitals viewer/measures/abx_iv/vmps.sql, MIT
 *   [DMDFIX]  fixtures/dmd/ in this repository (see fixtures/dmd/SOURCES.md): the ingredient ids its VPIs use
 *
 * Kinds of class code, all of which name the class on a real allergy record:
 *   - substance concepts, e.g. 764146007 Penicillin (UK Core and IPS AllergyIntolerance.code use substances,
 *     e.g. UKCore-AllergyIntolerance-Amoxicillin-Example: 372687004 Amoxicillin);
 *   - "X-containing product" concepts, e.g. 890458001 Penicillin-containing product (in UK Core examples);
 *   - findings and disorders that UK GP systems record instead, e.g. 91936005 Allergy to penicillin and
 *     292954005 Adverse reaction to penicillins: a GP2GP record will often carry these rather than a substance.
 */

export interface CodedName {
  readonly name: string;
  readonly snomed?: readonly string[];
  readonly dmd?: readonly string[];
}

export interface AllergenClass {
  readonly id: string; // 'penicillins'
  readonly name: string; // 'Penicillins'
  /** Codes that name the class itself on an allergy record (SNOMED substance or "-containing product" concepts). */
  readonly classCodes: readonly string[];
  /**
   * Lower-case names that name the class itself. Specific drugs are members, not class names: "penicillin G"
   * (benzylpenicillin) and "penicillin V" (phenoxymethylpenicillin) are members, matched through
   * MEMBER_SYNONYMS. A recorded allergy to a penicillin member is still treated as a penicillin-class
   * allergy: see CLASS_WIDE_ON_MEMBER_ALLERGY.
   */
  readonly classNames: readonly string[];
  readonly members: readonly CodedName[];
  /** Other classes whose members carry a smaller cross-sensitivity risk: a warning, not a stop. */
  readonly crossSensitivity: readonly { readonly classId: string; readonly note: string }[];
}

export const ALLERGEN_CLASSES_VERSION = '2026-12-02';

export const ALLERGEN_CLASSES: readonly AllergenClass[] = [
  {
    id: 'penicillins',
    name: 'Penicillins',
    classCodes: [
      '764146007', // Penicillin (substance) [MII: "Substance with penicillin structure"; also HL7 CH AllergyIntolerance examples]
      '890458001', // Penicillin-containing product [UKCore: UKCore-MedicationRequest-Amoxicillin-Example]
      '6369005', // Penicillin -class of antibiotic- [R4VS] (older concept)
      '91936005', // Allergy to penicillin (finding) [R4VS: "Penicillin allergy"]
      '292954005', // Adverse reaction to penicillins (disorder) [GMSDE allergy]
    ],
    classNames: ['penicillin', 'penicillins', 'penicillin antibiotic', 'penicillin antibiotics'],
    members: [
      {
        name: 'amoxicillin',
        snomed: [
          '372687004', // Amoxicillin (substance) [UKCore: UKCore-AllergyIntolerance-Amoxicillin-Example; CHTERM]
          '27658006', // Amoxicillin (product), i.e. amoxicillin-containing product [R4VS; HL7 FHIR R4 MedicationStatement examples]
        ],
        dmd: [
          '96068000', // Amoxicillin trihydrate, ISID in DMDFIX [CHTERM]
          '372687004', // Amoxicillin, BS_SUBID in DMDFIX
        ],
      },
      {
        name: 'flucloxacillin',
        snomed: ['387544009'], // Flucloxacillin (substance) [CHTERM]
        dmd: ['387544009'], // ISID in DMDFIX
      },
      {
        // Amoxicillin with clavulanic acid. Only in this class: clavulanic acid (395939008) is a beta-lactamase
        // inhibitor, not a class of its own here; the allergy risk is the amoxicillin.
        name: 'co-amoxiclav',
        dmd: ['774587000'], // VTM Co-amoxiclav [OPH]
      },
      { name: 'piperacillin', snomed: ['372836004'] }, // Piperacillin (substance) [CHTERM]
      // Name only: a product with piperacillin + tazobactam matches through its piperacillin ingredient.
      { name: 'piperacillin with tazobactam' },
      { name: 'benzylpenicillin', snomed: ['323389000'] }, // Benzylpenicillin (substance) [CHTERM]
      {
        name: 'phenoxymethylpenicillin',
        snomed: [
          '372725003', // Phenoxymethylpenicillin (substance) [NZ]
          '56723006', // Phenoxymethylpenicillin potassium (substance) [CHTERM]
        ],
      },
      { name: 'ampicillin', snomed: ['387170002'] }, // Ampicillin (substance) [CHTERM]
      { name: 'temocillin' }, // no SNOMED CT substance code found in a public source
    ],
    crossSensitivity: [
      {
        classId: 'cephalosporins',
        note: 'Cross-sensitivity with cephalosporins is small but real (highest with first-generation agents such as cefalexin); check the reaction history before giving.',
      },
      {
        classId: 'carbapenems',
        note: 'Cross-sensitivity with carbapenems is small; check the reaction history (especially anaphylaxis) before giving.',
      },
    ],
  },
  {
    id: 'cephalosporins',
    name: 'Cephalosporins',
    classCodes: [
      '764147003', // Cephalosporin (substance) [MII]
      '51779009', // Cephalosporin -class of antibiotic- [R4VS] (older concept)
      '294532003', // Cephalosporin allergy (finding) [R4VS]
      '292994007', // Adverse reaction to cephalosporin group [GMSDE allergy]
    ],
    classNames: ['cephalosporin', 'cephalosporins'],
    members: [
      // Legacy concept labelled "Cefalexin" in the R4 expansions; no current cefalexin substance code was found.
      { name: 'cefalexin', snomed: ['54887004'] }, // [R4VS]
      { name: 'cefuroxime', snomed: ['372833007'] }, // [CHTERM]
      { name: 'ceftriaxone', snomed: ['372670001'] }, // [CHTERM]
      { name: 'cefazolin', snomed: ['387470007'] }, // [CHTERM]
      { name: 'cefaclor', snomed: ['387270009'] }, // [CHTERM]
      { name: 'ceftazidime', snomed: ['387200005'] }, // [CHTERM]
      { name: 'cefepime', snomed: ['96048006'] }, // [CHTERM]
      { name: 'cefpodoxime', snomed: ['387534007'] }, // [CHTERM]
      { name: 'cefixime', snomed: ['785697003'] }, // Cefixime anhydrous (substance) [CHTERM]
      { name: 'cefotaxime' }, // no current substance code found
      { name: 'cefradine' }, // no current substance code found
    ],
    crossSensitivity: [
      {
        classId: 'penicillins',
        note: 'A cephalosporin allergy carries a small risk of reacting to penicillins; check the reaction history before giving.',
      },
    ],
  },
  {
    id: 'carbapenems',
    name: 'Carbapenems',
    classCodes: [
      '396345004', // Carbapenem (substance) [MII]
      '294531005', // Carbapenem allergy (finding) [R4VS]
      '292993001', // Carbapenem adverse reaction (disorder) [GMSDE allergy]
    ],
    classNames: ['carbapenem', 'carbapenems'],
    members: [
      { name: 'meropenem', snomed: ['387540000'] }, // [CHTERM]
      { name: 'imipenem', snomed: ['46558003'] }, // [CHTERM] (given with cilastatin)
      { name: 'ertapenem', snomed: ['396346003'] }, // [CHTERM]
    ],
    crossSensitivity: [
      {
        classId: 'penicillins',
        note: 'A carbapenem allergy carries a small risk of reacting to penicillins; check the reaction history before giving.',
      },
      {
        classId: 'cephalosporins',
        note: 'A carbapenem allergy carries a small risk of reacting to cephalosporins; check the reaction history before giving.',
      },
    ],
  },
  {
    id: 'nsaids',
    name: 'Non-steroidal anti-inflammatory drugs (NSAIDs)',
    classCodes: [
      '372665008', // Non-steroidal anti-inflammatory agent (substance) [IMAPI]
      '16403005', // Non-steroidal anti-inflammatory agent [R4VS] (older concept)
      '293610009', // Non-steroidal anti-inflammatory drug allergy (finding) [R4VS]
      '419901001', // Adverse reaction to non-steroidal anti-inflammatory drug [GMSDE allergy]
    ],
    classNames: ['nsaid', 'nsaids', 'non-steroidal anti-inflammatory', 'non-steroidal anti-inflammatory drug', 'non-steroidal anti-inflammatory drugs'],
    members: [
      { name: 'ibuprofen', snomed: ['387207008'] }, // [CHTERM]
      { name: 'naproxen', snomed: ['372588000'] }, // [CHTERM]
      { name: 'diclofenac', snomed: ['7034005'] }, // [CHTERM; R4VS]
      { name: 'aspirin', snomed: ['387458008'] }, // [CHTERM]
      { name: 'celecoxib', snomed: ['116081000'] }, // [CHTERM]
      { name: 'etoricoxib', snomed: ['409134009'] }, // [CHTERM]
      { name: 'mefenamic acid', snomed: ['387185008'] }, // [CHTERM]
      { name: 'ketoprofen', snomed: ['386832008'] }, // [CHTERM]
      { name: 'indometacin', snomed: ['373513008'] }, // [CHTERM]
      { name: 'piroxicam', snomed: ['387153005'] }, // [CHTERM]
      { name: 'etodolac', snomed: ['386860005'] }, // [CHTERM]
      { name: 'ketorolac', snomed: ['372501008'] }, // [CHTERM]
      { name: 'flurbiprofen', snomed: ['373506008'] }, // [CHTERM]
      { name: 'dexketoprofen', snomed: ['396018005'] }, // [CHTERM]
    ],
    crossSensitivity: [],
  },
  {
    id: 'sulfonamide-antibiotics',
    name: 'Sulfonamide antibiotics',
    classCodes: [
      // Sulfonamide (substance) [MII, listed there as an antibiotic class]. It also covers non-antibiotic
      // sulfonamides, so a match on this code alone may be broader than the antibiotic class.
      '387406002',
      '91939003', // Sulfonamide allergy (finding) [R4VS]
      '419007000', // Sulphonamide antibiotic adverse reaction [GMSDE allergy]
    ],
    classNames: ['sulfonamide', 'sulfonamides', 'sulphonamide', 'sulphonamides', 'sulfonamide antibiotic', 'sulphonamide antibiotic', 'sulfa', 'sulfa drugs'],
    members: [
      { name: 'sulfamethoxazole', snomed: ['363528007'] }, // [CHTERM]
      // Sulfamethoxazole with trimethoprim. Matches through its sulfamethoxazole ingredient; trimethoprim
      // (387179001) on its own is not a sulfonamide and is deliberately not a member.
      { name: 'co-trimoxazole' },
      { name: 'sulfadiazine', snomed: ['74523009'] }, // [CHTERM]
    ],
    // Non-antibiotic sulfonamides (furosemide, thiazides, sulfonylureas) are not classes here: the evidence
    // for cross-reactivity with sulfonamide antibiotics is weak, so they get no warning.
    crossSensitivity: [],
  },
  {
    id: 'opioids',
    name: 'Opioids',
    classCodes: [
      '293587005', // Opioid analgesic allergy (finding) [R4VS]
      '292045009', // Opioid analgesic adverse reaction (disorder) [GMSDE allergy]
    ],
    classNames: ['opioid', 'opioids', 'opiate', 'opiates', 'opioid analgesic', 'opioid analgesics'],
    members: [
      {
        name: 'morphine',
        snomed: [
          '373529000', // Morphine (substance) [CHTERM]
          '73572009', // Morphine (product), i.e. morphine-containing product [R4VS]
        ],
        dmd: ['773372004'], // VTM Morphine [GMSDE "Morphine (product)"; DMDFIX]
      },
      {
        name: 'codeine',
        snomed: ['387494007'], // Codeine (substance) [CHTERM]
        dmd: [
          '775354007', // VTM Codeine [GMSDE "Codeine (product)"]
          '261000', // Codeine phosphate, ISID in DMDFIX [R4VS]
        ],
      },
      // Codeine with paracetamol: an opioid-containing product. Paracetamol is not a class here, so this
      // member belongs to one class only.
      { name: 'co-codamol', dmd: ['775360007'] }, // VTM Co-codamol [GMSDE; DMDFIX]
      { name: 'oxycodone', snomed: ['55452001'] }, // [CHTERM]
      { name: 'tramadol', snomed: ['386858008'] }, // [CHTERM]
      { name: 'fentanyl', snomed: ['373492002'] }, // [CHTERM]
      { name: 'diamorphine', snomed: ['387341002'] }, // [CHTERM]
      { name: 'dihydrocodeine', snomed: ['387322000'] }, // [CHTERM]
      { name: 'buprenorphine', snomed: ['387173000'] }, // [CHTERM]
      { name: 'pethidine', snomed: ['387298007'] }, // [CHTERM]
      { name: 'tapentadol', snomed: ['441757005'] }, // [CHTERM]
      { name: 'hydromorphone', snomed: ['44508008'] }, // [CHTERM]
      { name: 'methadone', snomed: ['387286002'] }, // [CHTERM]
      { name: 'alfentanil', snomed: ['387560008'] }, // [CHTERM]
      { name: 'remifentanil', snomed: ['386839004'] }, // [CHTERM]
    ],
    // Many recorded opioid "allergies" are intolerance (nausea, itch from histamine release); the class is
    // kept whole and the reaction type on the record should decide how hard the check is.
    crossSensitivity: [],
  },
  {
    id: 'macrolides',
    name: 'Macrolides',
    classCodes: [
      '428787002', // Macrolide (substance) [MII]
      '91933002', // Macrolide allergy (finding) [R4VS]
      '292930000', // Adverse reaction to macrolide group [GMSDE allergy]
    ],
    classNames: ['macrolide', 'macrolides', 'macrolide antibiotic', 'macrolide antibiotics'],
    members: [
      { name: 'clarithromycin', snomed: ['387487009'] }, // [CHTERM]
      { name: 'erythromycin', snomed: ['372694001'] }, // [CHTERM]
      { name: 'azithromycin', snomed: ['387531004'] }, // [CHTERM]
    ],
    crossSensitivity: [],
  },
  {
    id: 'tetracyclines',
    name: 'Tetracyclines',
    classCodes: [
      // No class-level substance code was found (MII uses the tetracycline substance itself as the root).
      '293047005', // Adverse reaction to tetracycline group [GMSDE allergy]
    ],
    classNames: ['tetracyclines', 'tetracycline group', 'tetracycline antibiotics'],
    members: [
      { name: 'doxycycline', snomed: ['372478003'] }, // [CHTERM]
      { name: 'tetracycline', snomed: ['372809001'] }, // Tetracycline (substance) [CHTERM; MII]
      { name: 'lymecycline' }, // no SNOMED CT substance code found in a public source
      { name: 'minocycline', snomed: ['372653009'] }, // [CHTERM]
      { name: 'oxytetracycline', snomed: ['372675006'] }, // [CHTERM]
    ],
    crossSensitivity: [],
  },
  {
    id: 'aminoglycosides',
    name: 'Aminoglycosides',
    classCodes: [
      '763805006', // Aminoglycoside (substance) [MII]
      '294462007', // Aminoglycosides allergy (finding) [R4VS]
      '292921008', // Aminoglycosides adverse reaction (disorder) [GMSDE allergy]
    ],
    classNames: ['aminoglycoside', 'aminoglycosides', 'aminoglycoside antibiotic'],
    members: [
      {
        name: 'gentamicin',
        snomed: ['387321007'], // Gentamicin (substance) [CHTERM]
        dmd: [
          '2249001', // Gentamicin sulfate, ISID in DMDFIX [R4VS]
          '387321007', // Gentamicin, BS_SUBID in DMDFIX
        ],
      },
      { name: 'amikacin', snomed: ['387266001'] }, // [CHTERM]
      { name: 'tobramycin', snomed: ['373548001'] }, // [CHTERM]
      { name: 'neomycin', snomed: ['373528008'] }, // [CHTERM]
    ],
    crossSensitivity: [],
  },
];

/**
 * Classes where an allergy recorded against any one member is treated as an allergy to the whole class (a stop
 * for every member), not only to that member. Penicillins: a patient allergic to one penicillin is taken to be
 * allergic to all of them (they share the penicillin nucleus), so "Penicillin G allergy" stops amoxicillin too.
 * For the other classes a member allergy stops that member; the rest of the class is left to the prescriber's
 * clinical judgement.
 */
export const CLASS_WIDE_ON_MEMBER_ALLERGY: readonly string[] = ['penicillins'];

/** Other names that appear on allergy records for a member, lower case, mapped to the member's name. */
export const MEMBER_SYNONYMS: Readonly<Record<string, string>> = {
  'penicillin g': 'benzylpenicillin',
  'penicillin v': 'phenoxymethylpenicillin',
  'pip-taz': 'piperacillin with tazobactam',
  'piperacillin-tazobactam': 'piperacillin with tazobactam',
  'amoxicillin with clavulanic acid': 'co-amoxiclav',
  'sulfamethoxazole with trimethoprim': 'co-trimoxazole',
  'acetylsalicylic acid': 'aspirin',
  indomethacin: 'indometacin',
  cephalexin: 'cefalexin',
  meperidine: 'pethidine',
  heroin: 'diamorphine',
};

/**
 * Records saying there is no known drug allergy. These are situations, not allergens: they must never match a
 * class, and an active one alongside a real allergy record is a data-quality problem to surface.
 */
export const NO_KNOWN_DRUG_ALLERGY_CODES: readonly string[] = [
  '409137002', // No known drug allergy (situation) [UKCore: UKCore-AllergyIntolerance-Sn-NegHandlNoKnownAllergies-Example; R4VS]
  '716186003', // No known allergy (situation) [IPS: AllergyIntoleranceUvIps.fsh; NHS Digital FHIR guidance]
];
