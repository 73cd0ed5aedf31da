"""Write N synthetic General Assembly resolutions in the real layouts, deterministic from a seed.

Half are Chinese plain text laid out like the reference 78/72 (indented paragraphs,
hard-wrapped lines, footnote blocks under `____` at page ends, the closing date and
meeting), half English Markdown laid out like the 80th-session files (front matter,
masthead, `[^n]` footnotes). The shape follows benchmarks/profile.json, measured on the
real corpus: paragraph counts and lengths, citations per paragraph of each kind,
footnotes, phrase frequencies. Resolutions recall earlier ones on the same topic (the
same number in earlier sessions), so citation chains run across sessions.

    python benchmarks/synth.py N OUT_DIR [--seed 1]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import re
from dataclasses import dataclass
from pathlib import Path

from babel.dates import format_date
from num2words import num2words

from unkg.lexicon import load_language, load_treaties

HERE = Path(__file__).parent
PER_SESSION = 400  # resolutions per General Assembly session, at most
FIRST_SESSION, LAST_SESSION = 5, 80  # filled in turn, so any N spans them all
ZH_LINE = 38  # characters per line of the Chinese layout
ZH_LINES_PER_PAGE = 40
# What a line never breaks inside: a run of figures, Latin letters and symbol punctuation
# ("1969", "A/25/157"), or else one character.
UNBROKEN = re.compile(r"[0-9A-Za-z/.()]+ ?|.")

FILLER = {
    "en": ["the importance of international cooperation in this field",
           "the need to strengthen the capacity of developing countries",
           "the efforts of Member States and the relevant organizations of the United Nations system",
           "the contribution of regional and subregional arrangements",
           "that further progress requires sustained political will and adequate resources",
           "the role of civil society, academia and the private sector",
           "the commitments made at the highest level",
           "the challenges faced by the least developed countries and small island developing States"],
    "zh": ["在这一领域开展国际合作的重要性", "加强发展中国家能力的必要性", "会员国和联合国系统有关组织所作的努力",
           "区域和次区域安排的贡献", "进一步取得进展需要持续的政治意愿和充足的资源", "民间社会、学术界和私营部门的作用",
           "在最高级别作出的承诺", "最不发达国家和小岛屿发展中国家面临的挑战"],
}
TOPICS = {"en": ["International cooperation in the peaceful uses of outer space",
                 "Objective information on military matters", "Oceans and the law of the sea",
                 "Agricultural development, food security and nutrition", "Rights of the child"],
          "zh": ["和平利用外层空间方面的国际合作", "关于军事问题的客观资料", "海洋和海洋法",
                 "农业发展、粮食安全和营养", "儿童权利"]}


@dataclass(frozen=True)
class Planned:
    """What a synthetic resolution contains, for a test to check the pipeline against."""

    path: Path
    symbol: str
    language: str
    preambular: int
    operative: int
    resolutions_cited: int
    footnotes: int


def adoption_date(session: int, number: int) -> dt.date:
    """Resolution session/number's (synthetic) adoption date: autumn to spring of its session."""
    return dt.date(1945 + session, 9, 15) + dt.timedelta(days=number * 200 // PER_SESSION)


class Writer:
    def __init__(self, seed: int):
        self.random = random.Random(seed)
        profile = json.loads((HERE / "profile.json").read_text(encoding="utf-8"))
        # whole resolutions: not the files whose operative part the reader does not find
        # (a single unnumbered operative paragraph, a truncated text)
        self.shapes = [r for r in profile["resolutions"]
                       if any(kind == "o" for kind, *_ in r["paragraphs"])
                       and any(kind == "p" for kind, *_ in r["paragraphs"])]
        self.phrases = {kind: list(counts.items()) for kind, counts in profile["phrases"].items()}
        self.forms = {code: self._forms(code) for code in ("en", "zh")}
        self.treaties = [(t["volume"], t["number"]) for t in load_treaties()["treaties"]]

    def _forms(self, code: str) -> dict[str, dict[str, str]]:
        """concept -> {"preambular": form, "operative": form} from the lexicon."""
        forms = {}
        for phrase in load_language(code).raw["phrases"]:
            written = phrase["forms"]
            if code == "en":
                operative = next((f for f in written if f.endswith("s") and " " not in f), None)
                preambular = next((f for f in written if not f.endswith("s")), None)
            else:
                operative = preambular = written[0]
            forms[phrase["concept"]] = {"preambular": preambular, "operative": operative}
        return forms

    def phrase(self, code: str, kind: str) -> str:
        while True:
            concept = self.random.choices(*zip(*self.phrases[kind]))[0]
            form = self.forms[code].get(concept, {}).get(kind)
            if form:
                return form

    def cited(self, session: int, number: int, count: int) -> list[tuple[int, int]]:
        """Earlier resolutions: mostly the same topic in earlier sessions, some others."""
        targets = set()
        for _ in range(count):
            earlier = self.random.randint(max(FIRST_SESSION, session - 20), session - 1)
            same_topic = self.random.random() < 0.7
            targets.add((earlier, number if same_topic else self.random.randint(1, PER_SESSION)))
        return sorted(targets)

    def write(self, index: int, out: Path) -> Planned:
        sessions = LAST_SESSION - FIRST_SESSION + 1
        session, number = FIRST_SESSION + index % sessions, index // sessions + 1
        code = "zh" if self.random.random() < 0.5 else "en"
        shape = self.random.choice(self.shapes)
        paragraphs, notes, recalled = [], [], 0
        for kind_initial, length, resolutions, documents, treaties, markers in shape["paragraphs"]:
            kind = "preambular" if kind_initial == "p" else "operative"
            targets = self.cited(session, number, resolutions) if session > FIRST_SESSION else []
            recalled += len(targets)
            pieces = [self.phrase(code, kind)]
            pieces += [self.resolution(code, s, n) for s, n in targets]
            pieces += [self.document(code, session, self.random.randint(1, 700)) for _ in range(documents)]
            text = self.fill(code, pieces, length)
            called = []
            for _ in range(treaties + markers):
                volume, registration = self.random.choice(self.treaties)
                notes.append(self.treaty(code, volume, registration))
                called.append(len(notes))
            paragraphs.append((kind, text, called))
        preambular = sum(kind == "preambular" for kind, *_ in paragraphs)
        operative = len(paragraphs) - preambular
        symbol = f"A/RES/{session}/{number}"
        title = self.random.choice(TOPICS[code])
        write = self.chinese if code == "zh" else self.english
        path = out / f"A_RES_{session}_{number}.{code}.{'txt' if code == 'zh' else 'md'}"
        path.write_text(write(session, number, title, paragraphs, notes), encoding="utf-8")
        return Planned(path, symbol, code, preambular, operative, recalled, len(notes))

    def fill(self, code: str, pieces: list[str], length: int) -> str:
        joiner = "，" if code == "zh" else ", "
        words = [pieces[0] + (" " if code == "en" else "") + self.random.choice(FILLER[code])]
        words += pieces[1:]
        while sum(map(len, words)) < length:
            words.append(self.random.choice(FILLER[code]))
        return joiner.join(words)

    @staticmethod
    def resolution(code: str, session: int, number: int) -> str:
        adopted = adoption_date(session, number)
        if code == "zh":
            return f"{adopted.year}年{adopted.month}月{adopted.day}日第 {session}/{number} 号决议"
        return f"its resolution {session}/{number} of {format_date(adopted, 'd MMMM y', locale='en')}"

    @staticmethod
    def document(code: str, session: int, number: int) -> str:
        if code == "zh":
            return f"秘书长的报告(A/{session}/{number})"
        return f"the report of the Secretary-General (A/{session}/{number})"

    @staticmethod
    def treaty(code: str, volume: int, registration: int) -> str:
        if code == "zh":
            return f"联合国，《条约汇编》，第 {volume} 卷，第 {registration} 号。"
        return f"United Nations, Treaty Series, vol. {volume}, No. {registration}."

    def chinese(self, session, number, title, paragraphs, notes) -> str:
        lines = [f"  {session}/{number}. {title} ", " 大会， "]
        page, pending = [], []
        operative = 0
        for index, (kind, text, called) in enumerate(paragraphs):
            operative += kind == "operative"
            last = index == len(paragraphs) - 1
            end = "。" if last else ("；" if kind == "operative" else "，")
            clauses = ((f"{operative}. " if kind == "operative" else "") + text).split("，")
            clauses[-1] += end
            tokens = [UNBROKEN.findall(clause + ("，" if i < len(clauses) - 1 else ""))
                      for i, clause in enumerate(clauses)]
            for clause, note in zip(reversed(tokens), reversed(called)):
                clause[-1] += f"{note} "  # a marker glued to the punctuation it follows
            pending += called
            wrapped = wrap([token for clause in tokens for token in clause], ZH_LINE)
            wrapped[0] = (" " if page or not lines[2:] else "  ") + wrapped[0]  # a page's first line: two
            page += wrapped
            if len(page) >= ZH_LINES_PER_PAGE and pending and not last:  # the closing ends the page
                lines += page + ["__________________ "] + [f" {n} {notes[n - 1]} " for n in pending]
                page, pending = [], []
        adopted = adoption_date(session, number)
        lines += page + [f"{adopted.year} 年 {adopted.month} 月 {adopted.day} 日 ",
                         f"第 {number % 90 + 10} 次全体会议 "]
        if pending:
            lines += ["__________________ "] + [f" {n} {notes[n - 1]} " for n in pending]
        return "\n\n".join(lines) + "\n"

    def english(self, session, number, title, paragraphs, notes) -> str:
        adopted = adoption_date(session, number)
        day = format_date(adopted, "d MMMM y", locale="en")
        ordinal = num2words(session, to="ordinal").capitalize()
        lines = ["---", f"symbol: A/RES/{session}/{number}", f'title: "{title}"',
                 f'date: "{adopted.isoformat()}"', "language: EN", "---", "", "United Nations", "",
                 f"General Assembly Distr.: General {day}", "",
                 f"{ordinal} session Agenda item {number % 150 + 1}", "",
                 f"Resolution adopted by the General Assembly on {day}", "",
                 f"[without reference to a Main Committee (A/{session}/L.{number})]", "",
                 f"{session}/{number}. {title}", "", "The General Assembly,", ""]
        operative = 0
        for index, (kind, text, called) in enumerate(paragraphs):
            last = index == len(paragraphs) - 1
            end = "." if last else (";" if kind == "operative" else ",")
            text += "".join(f"[^{number}]" for number in called)
            if kind == "operative":
                operative += 1
                text = f"{operative}. {text}"
            lines += [text + end, ""]
        lines += [f"{num2words(number % 90 + 10, to='ordinal_num')} plenary meeting {day}", ""]
        if notes:
            lines += ["---", ""] + [f"[^{n}]: {note}\n" for n, note in enumerate(notes, 1)]
        return "\n".join(lines) + "\n"


def wrap(tokens: list[str], width: int) -> list[str]:
    """Chinese text in lines of about `width` characters, a marker never first on a line."""
    lines, line = [], ""
    for token in tokens:
        if len(line) + len(token) > width and line:
            lines.append(line)
            line = ""
        line += token
    return [*lines, line] if line else lines


def synthesize(count: int, out: str | Path, seed: int = 1) -> list[Planned]:
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    writer = Writer(seed)
    return [writer.write(index, out) for index in range(count)]


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int)
    parser.add_argument("out")
    parser.add_argument("--seed", type=int, default=1)
    arguments = parser.parse_args()
    planned = synthesize(arguments.count, arguments.out, arguments.seed)
    print(f"{len(planned)} resolutions written to {arguments.out}")
