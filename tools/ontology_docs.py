"""docs/ontology.md, generated from ontology/conflict.ttl: every class, property and individual.

    python tools/update_docs.py     # writes it, with the other generated docs

tests/test_docs_run.py fails when the page and the ontology disagree.
"""

from __future__ import annotations

from pathlib import Path

import rdflib
import rdflib.collection
from rdflib.namespace import OWL, RDF, RDFS

ROOT = Path(__file__).resolve().parent.parent
ONTOLOGY = ROOT / "ontology" / "conflict.ttl"
NS = "https://w3id.org/conflict-kb/ontology#"
CKB = rdflib.Namespace(NS)
PREFIXES = {
    "ckb": NS, "rdfs": str(RDFS), "owl": str(OWL), "xsd": "http://www.w3.org/2001/XMLSchema#",
    "sem": "http://semanticweb.cs.vu.nl/2009/11/sem/", "prov": "http://www.w3.org/ns/prov#",
    "time": "http://www.w3.org/2006/time#", "schema": "http://schema.org/", "dcterms": "http://purl.org/dc/terms/",
    "skos": "http://www.w3.org/2004/02/skos/core#",
}  # fmt: skip


def _short(term: rdflib.term.Node, g: rdflib.Graph | None = None) -> str:
    text = str(term)
    for prefix, iri in PREFIXES.items():
        if text.startswith(iri):
            return f"`{prefix}:{text[len(iri):]}`"
    if isinstance(term, rdflib.URIRef):
        return f"`{text}`"
    members = g.value(term, OWL.unionOf) if g is not None else None
    if members is not None:
        return " or ".join(_short(m) for m in rdflib.collection.Collection(g, members))
    return "(a class expression)"


def _list(g: rdflib.Graph, subject: rdflib.term.Node, predicate: rdflib.term.Node) -> str:
    return ", ".join(sorted(_short(o, g) for o in g.objects(subject, predicate)))


def _example(g: rdflib.Graph, term: rdflib.URIRef, kind: str) -> list[str]:
    name = str(term)[len(NS) :]
    if kind == "class":
        query = f"SELECT ?x ?label WHERE {{ ?x a/rdfs:subClassOf* ckb:{name} ; rdfs:label ?label }} LIMIT 10"
    else:
        query = f"SELECT ?x ?value WHERE {{ ?x ckb:{name} ?value }} LIMIT 10"
    return ["```sparql", query, "```"]


def render() -> str:
    g = rdflib.Graph().parse(ONTOLOGY)
    home = rdflib.URIRef("https://w3id.org/conflict-kb/ontology")
    lines = [
        "# The conflict-kb ontology",
        "",
        f"Generated from `ontology/conflict.ttl` (version {g.value(home, OWL.versionInfo)}, "
        f"`{g.value(home, OWL.versionIRI)}`) by `python tools/update_docs.py`; "
        "`tests/test_docs_run.py` fails when it is stale.",
        "",
        *sorted(str(c) + "\n" for c in g.objects(home, RDFS.comment)),
        "Namespace `ckb:` = `" + NS + "`. Each example runs with `kb query` as written (the prefixes are "
        "predeclared) and in any store holding `kb export --with-ontology` output, after these lines:",
        "",
        "```",
        *(f"PREFIX {p}: <{PREFIXES[p]}>" for p in ("ckb", "rdfs")),
        "```",
        "",
    ]
    sections = [
        ("Classes", "class", [s for s in g.subjects(RDF.type, OWL.Class) if str(s).startswith(NS)]),
        (
            "Properties",
            "property",
            [
                s
                for kind in (OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)
                for s in g.subjects(RDF.type, kind)
                if str(s).startswith(NS)
            ],
        ),
    ]
    for title, kind, terms in sections:
        lines += [f"## {title}", ""]
        for term in sorted(set(terms), key=str):
            name = str(term)[len(NS) :]
            lines += [f"### ckb:{name}", "", f"**{g.value(term, RDFS.label)}** — {g.value(term, RDFS.comment)}", ""]
            facts = [
                ("kind", _list(g, term, RDF.type)),
                ("sub-class of", _list(g, term, RDFS.subClassOf)),
                ("sub-property of", _list(g, term, RDFS.subPropertyOf)),
                ("domain", _list(g, term, RDFS.domain)),
                ("range", _list(g, term, RDFS.range)),
                ("CAMEO code", ", ".join(sorted(str(c) for c in g.objects(term, CKB.cameoCode)))),
                ("close match", _list(g, term, rdflib.URIRef(PREFIXES["skos"] + "closeMatch"))),
            ]
            members = sorted(s for s in g.subjects(RDF.type, term) if str(s).startswith(NS))
            if members:
                facts.append(("values", ", ".join(f"`ckb:{str(m)[len(NS):]}` ({g.value(m, RDFS.label)})" for m in members)))
            lines += [f"- {label}: {value}" for label, value in facts if value]
            if kind != "class" or not members:
                lines += [""] + _example(g, term, kind)
            lines.append("")
    lines += _codes(g)
    return "\n".join(lines).rstrip("\n") + "\n"


def _codes(g: rdflib.Graph) -> list[str]:
    """The CAMEO and PLOVER concepts the event classes link to (ckb:cameo, skos:broadMatch), as a table."""
    skos = rdflib.namespace.SKOS
    rows = []
    for cls, concept in sorted(g.subject_objects(CKB.cameo), key=lambda p: (str(g.value(p[1], skos.notation)), str(p[0]))):
        plover = g.value(concept, skos.broadMatch)
        rows.append(
            f"| `ckb:{str(cls)[len(NS):]}` | `{g.value(concept, skos.notation)}` {g.value(concept, skos.prefLabel)} "
            f"| {'`' + str(g.value(plover, skos.notation)) + '`' if plover is not None else '—'} |"
        )
    return [
        "## Event codes",
        "",
        "Each event class links to its CAMEO code as a SKOS concept (`ckb:cameo`, in the scheme "
        "`https://w3id.org/conflict-kb/cameo/`), and that concept to the PLOVER type it converts to "
        "(`skos:broadMatch`, scheme `https://w3id.org/conflict-kb/plover/`, after PLOVER's CAMEO2PLOVER table):",
        "",
        "| class | CAMEO | PLOVER |",
        "|---|---|---|",
        *rows,
        "",
        "```sparql",
        "SELECT ?event ?plover WHERE { ?event a/ckb:cameo/skos:broadMatch/skos:notation ?plover } LIMIT 10",
        "```",
    ]


if __name__ == "__main__":
    (ROOT / "docs" / "ontology.md").write_text(render(), encoding="utf-8")
