"""Reference data for the SPIRAL classification and Romanian beneficiary categories.

Plain data only (no Django imports): loaded by a data migration as editable seed rows.

Sources:

* ``/work/shared/DOMAIN.md`` section 1 (SPIRAL, Council of Europe: "Societal Progress
  Indicators for the Responsibility of All") and section 6 (reference data).
* The SPIRAL families follow the CoE guide (FR 2010, EN 2011 "Involving citizens and
  communities in securing societal progress for the well-being of all"). Component codes
  (``A00``, ``A01``, ...) follow the wikispiral.org determination key (2015), where every
  component has a positive and a negative side. The key mentions a 9th dimension whose
  name was not found; it is not seeded here.

``verified`` is True only where DOMAIN.md marks the item [V] (checked in a source):
families A and B and components A00-A07, A09, A11, B00-B02. Everything else is recalled
[R] or was given a sensible label here. All labels (English and Romanian) stay editable in
the application, so fix them there rather than relying on this file. Questions 1 and 2 use
recalled wording [R]; question 3 is quoted [V]; question 4 comes from later versions [R].

Romanian text uses comma-below diacritics (ș ț, U+0219 / U+021B), never cedilla.
"""

FAMILIES = (
    {
        "code": "A",
        "name_en": "Access to essential resources",
        "name_ro": "Accesul la resursele esențiale",
        "verified": True,
    },
    {
        "code": "B",
        "name_en": "Living environment",
        "name_ro": "Cadrul de viață",
        "verified": True,
    },
    {
        "code": "C",
        "name_en": "Relations with and between organisations",
        "name_ro": "Relațiile cu și între organizații",
        "verified": False,
    },
    {
        "code": "D",
        "name_en": "Personal relations",
        "name_ro": "Relațiile personale",
        "verified": False,
    },
    {
        "code": "E",
        "name_en": "Social balances",
        "name_ro": "Echilibrele sociale",
        "verified": False,
    },
    {
        "code": "F",
        "name_en": "Personal balance",
        "name_ro": "Echilibrul personal",
        "verified": False,
    },
    {
        "code": "G",
        "name_en": "Feelings of well-/ill-being",
        "name_ro": "Sentimentele de bine / de rău",
        "verified": False,
    },
    {
        "code": "H",
        "name_en": "Attitudes and initiatives",
        "name_ro": "Atitudini și inițiative",
        "verified": False,
    },
)


DIMENSIONS = (
    # A. Access to essential resources
    {
        "code": "A00",
        "family": "A",
        "name_en": "General (means of life)",
        "name_ro": "General (mijloace de trai)",
        "verified": True,
    },
    {
        "code": "A01",
        "family": "A",
        "name_en": "Food",
        "name_ro": "Alimentație",
        "verified": True,
    },
    {
        "code": "A02",
        "family": "A",
        "name_en": "Health care",
        "name_ro": "Îngrijiri de sănătate",
        "verified": True,
    },
    {
        "code": "A03",
        "family": "A",
        "name_en": "Housing",
        "name_ro": "Locuință",
        "verified": True,
    },
    {
        "code": "A04",
        "family": "A",
        "name_en": "Clothing",
        "name_ro": "Îmbrăcăminte",
        "verified": True,
    },
    {
        "code": "A05",
        "family": "A",
        "name_en": "Education and training",
        "name_ro": "Educație și formare",
        "verified": True,
    },
    {
        "code": "A06",
        "family": "A",
        "name_en": "Employment",
        "name_ro": "Loc de muncă",
        "verified": True,
    },
    {
        "code": "A07",
        "family": "A",
        "name_en": "Leisure, culture and sport",
        "name_ro": "Timp liber, cultură și sport",
        "verified": True,
    },
    {
        "code": "A08",
        "family": "A",
        "name_en": "Income",
        "name_ro": "Venituri",
        "verified": False,
    },
    {
        "code": "A09",
        "family": "A",
        "name_en": "Home care, personal services and aid",
        "name_ro": "Îngrijire la domiciliu, servicii personale și ajutor",
        "verified": True,
    },
    {
        "code": "A10",
        "family": "A",
        "name_en": "Transport and mobility",
        "name_ro": "Transport și mobilitate",
        "verified": False,
    },
    {
        "code": "A11",
        "family": "A",
        "name_en": "Information",
        "name_ro": "Informare",
        "verified": True,
    },
    # B. Living environment
    {
        "code": "B00",
        "family": "B",
        "name_en": "General (isolation, safety)",
        "name_ro": "General (izolare, siguranță)",
        "verified": True,
    },
    {
        "code": "B01",
        "family": "B",
        "name_en": "Healthy environment (pollution, noise, traffic)",
        "name_ro": "Mediu sănătos (poluare, zgomot, trafic)",
        "verified": True,
    },
    {
        "code": "B02",
        "family": "B",
        "name_en": "Basic infrastructure",
        "name_ro": "Infrastructură de bază",
        "verified": True,
    },
    {
        "code": "B03",
        "family": "B",
        "name_en": "Facilities and shops",
        "name_ro": "Dotări și magazine",
        "verified": False,
    },
    {
        "code": "B04",
        "family": "B",
        "name_en": "Meeting places",
        "name_ro": "Locuri de întâlnire",
        "verified": False,
    },
    {
        "code": "B05",
        "family": "B",
        "name_en": "Nature and green spaces",
        "name_ro": "Natură și spații verzi",
        "verified": False,
    },
    {
        "code": "B06",
        "family": "B",
        "name_en": "Town planning",
        "name_ro": "Urbanism",
        "verified": False,
    },
    # C. Relations with and between organisations
    {
        "code": "C00",
        "family": "C",
        "name_en": "General (organisations)",
        "name_ro": "General (organizații)",
        "verified": False,
    },
    {
        "code": "C01",
        "family": "C",
        "name_en": "Rights and justice",
        "name_ro": "Drepturi și justiție",
        "verified": False,
    },
    {
        "code": "C02",
        "family": "C",
        "name_en": "Participation",
        "name_ro": "Participare",
        "verified": False,
    },
    {
        "code": "C03",
        "family": "C",
        "name_en": "Access to public services",
        "name_ro": "Acces la serviciile publice",
        "verified": False,
    },
    {
        "code": "C04",
        "family": "C",
        "name_en": "Transparency",
        "name_ro": "Transparență",
        "verified": False,
    },
    # D. Personal relations
    {
        "code": "D00",
        "family": "D",
        "name_en": "General (personal relations)",
        "name_ro": "General (relații personale)",
        "verified": False,
    },
    {
        "code": "D01",
        "family": "D",
        "name_en": "Couple",
        "name_ro": "Viața de cuplu",
        "verified": False,
    },
    {
        "code": "D02",
        "family": "D",
        "name_en": "Family",
        "name_ro": "Familie",
        "verified": False,
    },
    {
        "code": "D03",
        "family": "D",
        "name_en": "Friends",
        "name_ro": "Prieteni",
        "verified": False,
    },
    {
        "code": "D04",
        "family": "D",
        "name_en": "Neighbours",
        "name_ro": "Vecini",
        "verified": False,
    },
    {
        "code": "D05",
        "family": "D",
        "name_en": "Colleagues",
        "name_ro": "Colegi",
        "verified": False,
    },
    # E. Social balances
    {
        "code": "E00",
        "family": "E",
        "name_en": "General (social balances)",
        "name_ro": "General (echilibre sociale)",
        "verified": False,
    },
    {
        "code": "E01",
        "family": "E",
        "name_en": "Equity",
        "name_ro": "Echitate",
        "verified": False,
    },
    {
        "code": "E02",
        "family": "E",
        "name_en": "Solidarity",
        "name_ro": "Solidaritate",
        "verified": False,
    },
    {
        "code": "E03",
        "family": "E",
        "name_en": "Peace and security",
        "name_ro": "Pace și securitate",
        "verified": False,
    },
    {
        "code": "E04",
        "family": "E",
        "name_en": "Shared values",
        "name_ro": "Valori comune",
        "verified": False,
    },
    {
        "code": "E05",
        "family": "E",
        "name_en": "Economy",
        "name_ro": "Economie",
        "verified": False,
    },
    {
        "code": "E06",
        "family": "E",
        "name_en": "Environment and future generations",
        "name_ro": "Mediu și generațiile viitoare",
        "verified": False,
    },
    # F. Personal balance
    {
        "code": "F00",
        "family": "F",
        "name_en": "General (personal balance)",
        "name_ro": "General (echilibru personal)",
        "verified": False,
    },
    {
        "code": "F01",
        "family": "F",
        "name_en": "Health",
        "name_ro": "Sănătate",
        "verified": False,
    },
    {
        "code": "F02",
        "family": "F",
        "name_en": "Mental balance",
        "name_ro": "Echilibru psihic",
        "verified": False,
    },
    {
        "code": "F03",
        "family": "F",
        "name_en": "Autonomy and freedom",
        "name_ro": "Autonomie și libertate",
        "verified": False,
    },
    {
        "code": "F04",
        "family": "F",
        "name_en": "Personal development",
        "name_ro": "Dezvoltare personală",
        "verified": False,
    },
    {
        "code": "F05",
        "family": "F",
        "name_en": "Time balance",
        "name_ro": "Echilibrul timpului",
        "verified": False,
    },
    {
        "code": "F06",
        "family": "F",
        "name_en": "Meaning of life",
        "name_ro": "Sensul vieții",
        "verified": False,
    },
    # G. Feelings of well-/ill-being
    {
        "code": "G00",
        "family": "G",
        "name_en": "General (feelings)",
        "name_ro": "General (sentimente)",
        "verified": False,
    },
    {
        "code": "G01",
        "family": "G",
        "name_en": "Self-esteem and recognition",
        "name_ro": "Stimă de sine și recunoaștere",
        "verified": False,
    },
    {
        "code": "G02",
        "family": "G",
        "name_en": "Security vs fear",
        "name_ro": "Siguranță / teamă",
        "verified": False,
    },
    {
        "code": "G03",
        "family": "G",
        "name_en": "Satisfaction",
        "name_ro": "Satisfacție",
        "verified": False,
    },
    {
        "code": "G04",
        "family": "G",
        "name_en": "Joy",
        "name_ro": "Bucurie",
        "verified": False,
    },
    {
        "code": "G05",
        "family": "G",
        "name_en": "Serenity vs stress",
        "name_ro": "Seninătate / stres",
        "verified": False,
    },
    # H. Attitudes and initiatives
    {
        "code": "H00",
        "family": "H",
        "name_en": "General (attitudes and initiatives)",
        "name_ro": "General (atitudini și inițiative)",
        "verified": False,
    },
    {
        "code": "H01",
        "family": "H",
        "name_en": "Respect and tolerance",
        "name_ro": "Respect și toleranță",
        "verified": False,
    },
    {
        "code": "H02",
        "family": "H",
        "name_en": "Responsibility",
        "name_ro": "Responsabilitate",
        "verified": False,
    },
    {
        "code": "H03",
        "family": "H",
        "name_en": "Mutual help",
        "name_ro": "Întrajutorare",
        "verified": False,
    },
    {
        "code": "H04",
        "family": "H",
        "name_en": "Openness",
        "name_ro": "Deschidere",
        "verified": False,
    },
    {
        "code": "H05",
        "family": "H",
        "name_en": "Participation and engagement",
        "name_ro": "Participare și implicare",
        "verified": False,
    },
)


CATEGORIES = (
    {"key": "fara_adapost", "name_ro": "Persoane fără adăpost", "name_en": "Homeless people"},
    {"key": "varstnici", "name_ro": "Vârstnici", "name_en": "Older people"},
    {"key": "romi", "name_ro": "Romi", "name_en": "Roma"},
    {
        "key": "dizabilitati",
        "name_ro": "Persoane cu dizabilități",
        "name_en": "People with disabilities",
    },
    {
        "key": "copii_tineri_risc",
        "name_ro": "Copii și tineri în situație de risc",
        "name_en": "Children and young people at risk",
    },
    {
        "key": "tineri_iesiti_din_protectie",
        "name_ro": "Tineri care părăsesc sistemul de protecție",
        "name_en": "Young people leaving the child-protection system",
    },
    {
        "key": "familii_monoparentale_numeroase",
        "name_ro": "Familii monoparentale / numeroase",
        "name_en": "Single-parent / large families",
    },
    {
        "key": "victime_violenta_domestica",
        "name_ro": "Victime ale violenței domestice",
        "name_en": "Victims of domestic violence",
    },
    {"key": "someri", "name_ro": "Șomeri", "name_en": "Unemployed people"},
    {"key": "adictii", "name_ro": "Persoane cu adicții", "name_en": "People with addictions"},
    {
        "key": "boli_cronice",
        "name_ro": "Persoane cu boli cronice",
        "name_en": "People with chronic illnesses",
    },
    {
        "key": "victime_trafic_fosti_detinuti",
        "name_ro": "Victime ale traficului / foști deținuți",
        "name_en": "Victims of trafficking / former prisoners",
    },
)


QUESTIONS = (
    {
        "key": "wellbeing",
        "name_en": "Well-being",
        "name_ro": "Starea de bine",
        "prompt_en": "What is well-being for you?",
        "prompt_ro": "Ce înseamnă pentru dumneavoastră starea de bine?",
    },
    {
        "key": "illbeing",
        "name_en": "Ill-being",
        "name_ro": "Starea de rău",
        "prompt_en": "What is ill-being for you?",
        "prompt_ro": "Ce înseamnă pentru dumneavoastră starea de rău?",
    },
    {
        "key": "what_i_do",
        "name_en": "What I do or can do",
        "name_ro": "Ce fac sau ce pot face eu",
        "prompt_en": (
            "In view of these criteria, what do you do or can you do to improve "
            "your well-being and that of all?"
        ),
        "prompt_ro": (
            "Având în vedere aceste criterii, ce faceți sau ce puteți face pentru a vă "
            "îmbunătăți starea de bine și pe cea a tuturor?"
        ),
    },
    {
        "key": "together",
        "name_en": "What we can do together",
        "name_ro": "Ce putem face împreună",
        "prompt_en": (
            "What can we do together for the well-being of all, future generations included?"
        ),
        "prompt_ro": (
            "Ce putem face împreună pentru starea de bine a tuturor, "
            "inclusiv a generațiilor viitoare?"
        ),
    },
)


def load_reference_data(family_model, dimension_model) -> None:
    """Create or refresh the families and dimensions (used by the data migration and the demo)."""
    families = {}
    for item in FAMILIES:
        families[item["code"]], _created = family_model.objects.update_or_create(
            code=item["code"],
            defaults={k: item[k] for k in ("name_ro", "name_en", "verified")},
        )
    for item in DIMENSIONS:
        dimension_model.objects.update_or_create(
            code=item["code"],
            defaults={
                "family": families[item["family"]],
                **{k: item[k] for k in ("name_ro", "name_en", "verified")},
            },
        )
