"""Regenerate the term list of kb/model/namespace.py from ontology/conflict.ttl.

    python tools/generate_namespace.py

Rewrites the annotated names below ``_NS`` in the ``CKB`` class (and
the loop after it that binds each once), one term per line with the first sentence of its rdfs:comment, as rdflib does for
its own vocabularies. tests/test_namespace.py fails until this has been run
after the ontology changes.
"""

from __future__ import annotations

from pathlib import Path

import rdflib
from rdflib.namespace import RDFS

ROOT = Path(__file__).resolve().parent.parent
NS = "https://w3id.org/conflict-kb/ontology#"


def main() -> None:
    g = rdflib.Graph().parse(ROOT / "ontology" / "conflict.ttl")
    terms = sorted({s for s in g.subjects() if str(s).startswith(NS)},
                   key=lambda t: (str(t)[len(NS)].islower(), str(t)))
    lines = []
    for t in terms:
        comment = str(g.value(t, RDFS.comment)).split(". ")[0].rstrip(".")
        comment = comment if len(comment) < 90 else comment[:87] + "..."
        lines.append(f"    {str(t)[len(NS):]}: IRI  # {comment}")
    path = ROOT / "kb" / "model" / "namespace.py"
    src = path.read_text(encoding="utf-8")
    marker = f'    _NS = Namespace("{NS}")\n\n'
    path.write_text(src[: src.index(marker) + len(marker)] + "\n".join(lines) + "\n" + _BIND, encoding="utf-8")


# Each term is bound once as a plain class attribute (the mapping reads some thirty terms an event);
# a misspelt term is no attribute, so it reaches the metaclass and fails.
_BIND = """

for _name in CKB.__annotations__:
    setattr(CKB, _name, CKB._NS[_name])
del _name
"""


if __name__ == "__main__":
    main()
