import pickle

import pytest

from beneficiaries.suggest import (
    CodingModel,
    Evaluation,
    IncompatibleModel,
    NotEnoughData,
    Suggestion,
    cohen_kappa_per_family,
    evaluate,
    normalise_for_model,
)

HOUSING, FOOD, WORK, LONELINESS, TRANSPORT, HEALTH = "A03", "B01", "C02", "D04", "E05", "F01"

CORPUS = {
    HOUSING: [
        "Frigul din casă când nu pot plăti întreținerea",
        "Chiria a crescut și abia o mai pot plăti",
        "Iarna e frig în apartament, caloriferele sunt reci",
        "Locuința noastră are igrasie și pereții sunt umezi",
        "Nu am unde să locuiesc după ce proprietarul m-a dat afară",
        "Datoriile la întreținere se adună de la o lună la alta",
        "Blocul e vechi și acoperișul plouă în casă",
        "Stăm șase persoane în două camere, locuința e prea mică",
        "Mi-e teamă că pierd casa pentru că nu plătesc chiria",
        "Factura la încălzire e prea mare pentru pensia mea",
        "Casa nu are izolație și se face frig repede",
        "Asociația de proprietari ne-a debranșat de la căldură",
        "Aș vrea o locuință socială de la primărie",
        "Geamurile sunt sparte și intră frigul în cameră",
        "Plătesc întreținerea cu întârziere și am penalități",
    ],
    FOOD: [
        "Nu avem ce mânca la sfârșitul lunii",
        "O masă caldă pe zi ar conta foarte mult",
        "Cantina socială s-a închis și nu mai primim mâncare",
        "Copiii merg la școală fără mâncare",
        "Banii nu ajung pentru pâine și lapte",
        "Mâncăm doar cartofi și pâine toată săptămâna",
        "Aș avea nevoie de pachete cu alimente",
        "La cantină porțiile sunt prea mici",
        "Nu îmi permit carne sau fructe",
        "Mâncarea s-a scumpit foarte mult la magazin",
        "Primim masa caldă doar de două ori pe săptămână",
        "Uneori sărim peste masa de seară ca să ajungă mâncarea",
        "Aș vrea să primesc tichete pentru alimente",
        "Bătrânii din cartier nu au cine să le gătească mâncare",
        "Pachetul de alimente de la primărie vine rar",
    ],
    WORK: [
        "Nu găsesc un loc de muncă de peste un an",
        "Salariul minim nu ajunge pentru familie",
        "Angajatorul nu mi-a plătit salariul de două luni",
        "Lucrez la negru fără contract de muncă",
        "Aș vrea un curs de calificare ca să mă pot angaja",
        "La vârsta mea nimeni nu mai vrea să mă angajeze",
        "Am fost concediat când s-a închis fabrica",
        "Lucrez cu ziua în agricultură și nu am venit sigur",
        "Angajatorii cer experiență pe care nu o am",
        "Muncesc în ture de noapte pentru un salariu mic",
        "Locurile de muncă sunt doar în oraș, departe de noi",
        "Caut de lucru dar nu mă cheamă nimeni la interviu",
        "Mi-aș dori un loc de muncă stabil cu carte de muncă",
        "Șeful nu ne plătește orele suplimentare",
        "Agenția de ocupare nu are oferte de muncă pentru mine",
    ],
    LONELINESS: [
        "Nimeni nu mă vizitează de luni de zile",
        "Mă simt singur de când a murit soția",
        "Copiii sunt plecați în străinătate și nu mă mai sună",
        "Singurătatea e cel mai greu lucru la bătrânețe",
        "Nu am cu cine vorbi toată ziua",
        "Aș vrea un club unde să mă întâlnesc cu alți pensionari",
        "Vecinii nu mă salută și nu cunosc pe nimeni în bloc",
        "Stau singură în casă zile întregi",
        "Nu mai am prieteni, toți s-au mutat",
        "De sărbători sunt mereu singur",
        "Mi-ar plăcea să vină cineva să mă viziteze",
        "Mă simt uitată de toată lumea",
        "Singurătatea mă apasă mai ales seara",
        "Nu are nimeni grijă de mine",
        "Aș vrea să fac parte dintr-un grup, să nu mai fiu singur",
    ],
    TRANSPORT: [
        "Autobuzul trece o dată la două ore",
        "Stația de autobuz e la doi kilometri de casă",
        "Biletul de transport e prea scump pentru noi",
        "Nu există transport în comun până la spital",
        "Microbuzul spre oraș nu mai circulă duminica",
        "Copiii merg pe jos la școală pentru că nu e autobuz",
        "Abonamentul de transport pentru pensionari e prea scump",
        "Stația nu are copertină și așteptăm în ploaie",
        "Autobuzele sunt vechi și nu au rampă pentru scaun cu rotile",
        "Seara nu mai e niciun mijloc de transport spre sat",
        "Șoferul de autobuz nu oprește în stație",
        "Ca să ajung la primărie schimb două autobuze",
        "Drumul până la stație nu are trotuar",
        "Transportul elevilor nu funcționează iarna",
        "Aș avea nevoie de transport gratuit la tratament",
    ],
    HEALTH: [
        "Medicamentele sunt prea scumpe pentru pensia mea",
        "Medicul de familie are program doar dimineața",
        "La policlinică aștept luni de zile pentru o programare",
        "Spitalul e departe și nu avem ambulanță",
        "Nu am asigurare medicală și nu mă primește medicul",
        "Dinții mă dor dar nu am bani de dentist",
        "Am nevoie de un tratament pe care casa de asigurări nu îl decontează",
        "În sat nu există farmacie",
        "Analizele la spital costă prea mult",
        "Soțul are o boală cronică și nu primim îngrijire acasă",
        "Medicul specialist vine doar o dată pe lună",
        "Rețetele compensate se termină la începutul lunii",
        "Nu am ochelari pentru că nu îmi permit consultația",
        "La urgențe am așteptat o noapte întreagă",
        "Aș avea nevoie de un asistent medical care să vină acasă",
    ],
}
TEXTS = [text for texts in CORPUS.values() for text in texts]
LABELS = [[code] for code, texts in CORPUS.items() for _text in texts]


@pytest.fixture(scope="module")
def model():
    return CodingModel.train(TEXTS, LABELS)


def test_normalise_folds_cedilla_keeps_diacritics_and_lowercases():
    assert normalise_for_model("  \u015eCOAL\u0102  \u0163ar\u0103\n") == "\u0219coală \u021bară"
    assert normalise_for_model("s\u0327i") == "\u0219i"  # combining cedilla composed, then folded


def test_unseen_housing_statement_suggests_housing_first(model):
    [suggestions] = model.suggest(["Ne este frig în casă pentru că nu putem plăti întreținerea"])
    assert len(suggestions) == 3
    assert all(isinstance(s, Suggestion) for s in suggestions)
    assert suggestions[0].code == HOUSING
    assert suggestions[0].confidence > suggestions[1].confidence
    confidences = [s.confidence for s in suggestions]
    assert confidences == sorted(confidences, reverse=True)
    assert all(0.0 <= c <= 1.0 for c in confidences)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Nu am bani de medicamente și medicul e departe", HEALTH),
        ("Aștept autobuzul în stație o oră", TRANSPORT),
        ("Nu mă vizitează nimeni și mă simt singură", LONELINESS),
        ("Am rămas fără loc de muncă și caut un angajator", WORK),
    ],
)
def test_unseen_statements_of_other_codes(model, text, code):
    [suggestions] = model.suggest([text], top=1)
    assert [s.code for s in suggestions] == [code]


def test_suggest_top_min_confidence_and_blank(model):
    results = model.suggest(["Chiria e prea mare", "   ", "Masa caldă de la cantină"], top=6)
    assert [len(r) for r in results] == [6, 0, 6]
    assert {s.code for s in results[0]} == set(CORPUS)
    filtered = model.suggest(["Chiria e prea mare"], top=6, min_confidence=0.3)[0]
    assert filtered and all(s.confidence >= 0.3 for s in filtered)
    assert filtered == [s for s in results[0] if s.confidence >= 0.3]
    assert model.suggest([]) == []


def test_model_metadata(model):
    assert model.trained_on == len(TEXTS)
    assert set(model.codes) == set(CORPUS)
    assert len(model.version) == 12 and int(model.version, 16) >= 0
    assert model.accuracy is None


def test_round_trip_gives_same_suggestions(model):
    model.accuracy = 0.75
    restored = CodingModel.from_bytes(model.to_bytes())
    sample = ["Frig în casă iarna", "Nu am medicamente", "Autobuzul nu vine"]
    assert restored.suggest(sample, top=6) == model.suggest(sample, top=6)
    assert (restored.version, restored.trained_on, restored.accuracy) == (
        model.version,
        model.trained_on,
        0.75,
    )
    assert restored.codes == model.codes and restored.trained_at == model.trained_at
    assert CodingModel.from_bytes(restored.to_bytes()).version == model.version
    model.accuracy = None


def test_from_bytes_rejects_foreign_payloads():
    with pytest.raises(IncompatibleModel):
        CodingModel.from_bytes(pickle.dumps({"format": 999}))
    with pytest.raises(IncompatibleModel):
        CodingModel.from_bytes(pickle.dumps({"format": 1, "sklearn": "0.1", "model": b""}))
    with pytest.raises(IncompatibleModel):
        CodingModel.from_bytes(b"not a pickle")


def test_multi_label_statements_are_learned():
    texts = TEXTS + [
        "Nu am bani nici de întreținere, nici de medicamente",
        "Pensia nu ajunge pentru chirie și pentru medicamente",
        "Frig în casă și medicamente scumpe",
    ]
    labels = LABELS + [[HOUSING, HEALTH]] * 3
    [suggestions] = CodingModel.train(texts, labels).suggest(
        ["Nu ajung banii de întreținere și de medicamente"], top=2
    )
    assert {s.code for s in suggestions} == {HOUSING, HEALTH}


def test_codes_with_a_single_example_are_dropped():
    texts = [*TEXTS, "Un singur exemplu despre educația adulților"]
    labels = [*LABELS, ["G07"]]
    model = CodingModel.train(texts, labels)
    assert "G07" not in model.codes
    assert model.trained_on == len(TEXTS)


def test_not_enough_data():
    with pytest.raises(NotEnoughData):
        CodingModel.train(TEXTS[:19], LABELS[:19])
    with pytest.raises(NotEnoughData):  # 30 statements but a single code
        CodingModel.train(TEXTS[:15] * 2, LABELS[:15] * 2)
    with pytest.raises(NotEnoughData):  # uncoded and blank statements do not count
        CodingModel.train(TEXTS[:25], [[]] * 10 + LABELS[10:25])
    with pytest.raises(NotEnoughData, match="20"):
        evaluate(TEXTS[:10], LABELS[:10])
    CodingModel.train(TEXTS[10:30], LABELS[10:30])  # exactly 20, two codes: fine


def test_evaluate_on_held_out_statements():
    result = evaluate(TEXTS, LABELS, test_size=0.2, seed=42)
    assert isinstance(result, Evaluation)
    assert result.train_count + result.test_count == len(TEXTS)
    assert result.test_count == 18
    assert result.top1_accuracy <= result.top3_accuracy
    assert result.top3_accuracy >= 0.8
    assert result.top1_accuracy >= 0.5
    # The figure is a real measurement, deterministic for a seed.
    assert evaluate(TEXTS, LABELS, seed=42) == result


def test_evaluate_counts_unlearnable_statements_as_misses():
    # Labels cycled over the codes regardless of the text: nothing to learn, accuracy drops.
    noisy = [[list(CORPUS)[i % 6]] for i in range(len(TEXTS))]
    result = evaluate(TEXTS, noisy)
    assert result.top1_accuracy < evaluate(TEXTS, LABELS).top1_accuracy


def kappa_by_formula(r1, r2):
    """Independent Cohen's kappa: (po - pe) / (1 - pe) on two binary rating lists."""
    n = len(r1)
    po = sum(a == b for a, b in zip(r1, r2, strict=True)) / n
    yes1, yes2 = sum(r1) / n, sum(r2) / n
    pe = yes1 * yes2 + (1 - yes1) * (1 - yes2)
    return (po - pe) / (1 - pe)


def test_kappa_identical_codings_are_one_per_family():
    pairs = [({"A03"}, {"A03"}), ({"F01", "B01"}, {"F01", "B01"}), ({"H02"}, {"H02"})]
    assert cohen_kappa_per_family(pairs) == {"A": 1.0, "B": 1.0, "F": 1.0, "H": 1.0}
    # Same family, different dimension: still agreement on the family.
    assert cohen_kappa_per_family([({"A03"}, {"A05"}), ({"B01"}, {"B02"})]) == {
        "A": 1.0,
        "B": 1.0,
    }
    assert cohen_kappa_per_family([]) == {}


def test_kappa_hand_computed_example():
    # Ten statements, family A: coder 1 says yes on 1-5, coder 2 on 1-4 and 6.
    #   po = 8/10; p(yes) = 0.5 and 0.5 -> pe = 0.25 + 0.25 = 0.5; kappa = 0.3 / 0.5 = 0.6
    # Family F: coder 1 yes on 1-2, coder 2 yes on 1-3.
    #   po = 9/10; pe = 0.2*0.3 + 0.8*0.7 = 0.62; kappa = 0.28 / 0.38 = 14/19
    c1 = [{"A01", "F01"}, {"A02", "F02"}, {"A03"}, {"A04"}, {"A05"}, set(), set(), set()]
    c2 = [{"A01", "F01"}, {"A09", "F01"}, {"A03", "F03"}, {"A04"}, set(), {"A06"}, set(), set()]
    c1 += [set(), set()]
    c2 += [set(), set()]
    result = cohen_kappa_per_family(list(zip(c1, c2, strict=True)))
    assert set(result) == {"A", "F"}
    assert result["A"] == pytest.approx(0.6)
    assert result["F"] == pytest.approx(14 / 19)
    r1 = [any(c.startswith("F") for c in s) for s in c1]
    r2 = [any(c.startswith("F") for c in s) for s in c2]
    assert kappa_by_formula(r1, r2) == pytest.approx(14 / 19)


def test_kappa_disagreement_lowers_value():
    agree = [({"A03"}, {"A03"}), (set(), set()), ({"A01"}, {"A01"}), (set(), set())]
    some = [({"A03"}, {"A03"}), (set(), {"A02"}), ({"A01"}, {"A01"}), (set(), set())]
    opposite = [({"A03"}, set()), (set(), {"A02"}), ({"A01"}, set()), (set(), {"A04"})]
    k_agree = cohen_kappa_per_family(agree)["A"]
    k_some = cohen_kappa_per_family(some)["A"]
    k_opposite = cohen_kappa_per_family(opposite)["A"]
    assert k_agree == 1.0 > k_some > k_opposite
    assert k_some == pytest.approx(0.5)  # po 0.75, pe 0.5
    assert k_opposite == pytest.approx(-1.0)
    # Coder 1 always says yes, coder 2 not always: kappa is 0, defined.
    assert cohen_kappa_per_family([({"C01"}, {"C01"}), ({"C02"}, set())]) == {"C": 0.0}
