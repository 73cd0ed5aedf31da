"""French, Spanish, Russian and Arabic: a short resolution in each, read end to end.

The corpus has no text in these languages yet; these texts are written for the test, in the
layout and wording of the UN's texts in each language, to prove that the lexicons in mappers/
carry the whole pipeline and not only their own examples.
"""

from __future__ import annotations

import datetime as dt

import pytest

from unkg.iris import Iris
from unkg.layout import parse
from unkg.extract import extract
from unkg.mapping import map_resolution, reference_graph
from unkg.read import Source
from unkg.validate import validate_graph


TEXTS = {
 "fr": """Résolution adoptée par l’Assemblée générale le 7 décembre 2023

78/72. Coopération internationale touchant les utilisations pacifiques de l’espace extra-atmosphérique

L’Assemblée générale,

Rappelant ses résolutions 51/122 du 13 décembre 1996 et 62/217 du 22 décembre 2007,

Profondément préoccupée par la fragilité de l’environnement spatial,

1. Fait sien le rapport du Comité des utilisations pacifiques de l’espace extra-atmosphérique1;

2. Prie également le Secrétaire général de lui présenter un rapport à sa soixante-dix-neuvième session.

45e séance plénière

1 Documents officiels de l’Assemblée générale, soixante-dix-huitième session, Supplément no 20 (A/78/20).
""",
 "es": """Resolución aprobada por la Asamblea General el 7 de diciembre de 2023

78/72. Cooperación internacional para la utilización del espacio ultraterrestre con fines pacíficos

La Asamblea General,

Recordando sus resoluciones 51/122, de 13 de diciembre de 1996, y 62/217, de 22 de diciembre de 2007,

Profundamente preocupada por la fragilidad del medio espacial,

1. Hace suyo el informe de la Comisión sobre la Utilización del Espacio Ultraterrestre con Fines Pacíficos1;

2. Solicita también al Secretario General que le presente un informe en su septuagésimo noveno período de sesiones.

45ª sesión plenaria

1 Documentos Oficiales de la Asamblea General, Septuagésimo Octavo Período de Sesiones, Suplemento núm. 20 (A/78/20).
""",
 "ru": """Резолюция, принятая Генеральной Ассамблеей 7 декабря 2023 года

78/72. Международное сотрудничество в использовании космического пространства в мирных целях

Генеральная Ассамблея,

Ссылаясь на свои резолюции 51/122 от 13 декабря 1996 года и 62/217 от 22 декабря 2007 года,

Будучи глубоко обеспокоена уязвимостью космической среды,

1. Одобряет доклад Комитета по использованию космического пространства в мирных целях1;

2. Просит также Генерального секретаря представить доклад на ее семьдесят девятой сессии.

45-е пленарное заседание

1 Официальные отчеты Генеральной Ассамблеи, семьдесят восьмая сессия, Дополнение № 20 (A/78/20).
""",
 "ar": """قرار اتخذته الجمعية العامة في 7 كانون الأول/ديسمبر 2023

78/72 - التعاون الدولي في استخدام الفضاء الخارجي في الأغراض السلمية

إن الجمعية العامة،

إذ تشير إلى قراريها 51/122 المؤرخ 13 كانون الأول/ديسمبر 1996 و 62/217 المؤرخ 22 كانون الأول/ديسمبر 2007،

وإذ يساورها بالغ القلق إزاء هشاشة البيئة الفضائية،

1 - تؤيد تقرير لجنة استخدام الفضاء الخارجي في الأغراض السلمية؛1

2 - تطلب أيضا إلى الأمين العام أن يقدم تقريرا.

الجلسة العامة 45

1 الوثائق الرسمية للجمعية العامة، الدورة الثامنة والسبعون، الملحق رقم 20 (A/78/20).
""",
}


@pytest.fixture(scope="module", params=sorted(TEXTS))
def read(request):
    code = request.param
    source = Source(f"A_RES_78_72.{code}.txt", TEXTS[code], "0" * 64, "utf-8")
    return code, extract(parse(source))


def test_header_title_and_closing(read):
    _, x = read
    assert (x.symbol, x.layout.adopted, x.layout.meeting) == ("A/RES/78/72", dt.date(2023, 12, 7), 45)
    assert x.layout.title_text and x.layout.formula is not None


def test_paragraphs_and_phrases(read):
    _, x = read
    assert [(p.paragraph.label, p.concept, p.modifiers) for p in x.phrases] == [
        ("pp 1", "recall", ()), ("pp 2", "deeplyConcerned", ()), ("op 1", "endorse", ()), ("op 2", "request", ("also",))]


def test_dated_resolutions_the_footnote_and_the_official_records(read):
    _, x = read
    cited = {(c.paragraph.label, c.target.key, c.date_given) for c in x.citations}
    assert {("pp 1", "A/RES/51/122", dt.date(1996, 12, 13)), ("pp 1", "A/RES/62/217", dt.date(2007, 12, 22)),
            ("op 1", "A/78/20", None)} <= cited
    assert [f.number for f in x.layout.footnotes] == [1]


def test_bodies_by_their_names_in_the_language(read):
    _, x = read
    assert {"A/AC.105", "SG"} <= {m.body for m in x.bodies}


def test_the_graph_conforms(read):
    code, x = read
    graph = map_resolution(x, Iris())
    assert validate_graph(graph, reference_graph(Iris())).conforms
    texts = {o.language for o in graph.objects() if getattr(o, "language", None)}
    assert texts == {code}


def test_one_work_with_a_version_per_language(tmp_path):
    """The Chinese 78/72 and a French text of it: one resolution, two versions, paragraphs by number."""
    import csv
    import io
    from click.testing import CliRunner
    from unkg.cli import main
    from conftest import EXAMPLE

    french = tmp_path / "A_RES_78_72.fr.txt"
    french.write_text(TEXTS["fr"], encoding="utf-8")
    store = str(tmp_path / "store")
    runner = CliRunner()
    assert runner.invoke(main, ["build", str(EXAMPLE), str(french), "--store", store]).exit_code == 0

    def rows(name):
        result = runner.invoke(main, ["query", name, "--param", "symbol=78/72", "--store", store, "--format", "csv"])
        return list(csv.DictReader(io.StringIO(result.stdout)))

    assert [(r["symbol"], r["adopted"], r["language"]) for r in rows("resolution")] == [
        ("A/RES/78/72", "2023-12-07", "fr"), ("A/RES/78/72", "2023-12-07", "zh")]
    first = [r for r in rows("versions") if r["paragraph"] == "pp 1"]
    assert [r["language"] for r in first] == ["fr", "zh"]
    assert first[0]["text"].startswith("Rappelant") and first[1]["text"].startswith("回顾")


def test_an_arabic_session_in_words():
    """Arabic ordinals are composed from the lexicon's parts (num2words writes none)."""
    text = TEXTS["ar"].replace("وإذ يساورها بالغ القلق إزاء هشاشة البيئة الفضائية،",
                               "وإذ تلاحظ ما قامت به لجنة استخدام الفضاء الخارجي في الأغراض السلمية، "
                               "في دورتها السادسة والستين،")
    x = extract(parse(Source("A_RES_78_72.ar.txt", text, "0" * 64, "utf-8")))
    assert ("A/AC.105", 66, "session") in {(s.body, s.ordinal, s.kind) for s in x.sessions}
