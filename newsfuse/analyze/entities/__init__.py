"""Named entities with canonical names and roles, inside an article and across a story.

Mentions come from the language model"s named entities (`doc.ents`, any model
behind `nlp.LanguageModel`), trimmed of possessives, titles and stray
whitespace. Inside an article (`find_entities`):
- people: mentions are grouped when their surnames match and their given names
  agree ("S. Jaishankar", "S Jaishankar", "Subrahmanyam Jaishankar", but not
  "Donald Trump" and "Melania Trump"); a bare surname joins the group mentioned
  last before it (else the first after it). The group"s name is its most
  complete form, initials written with a dot ("S. Jaishankar"). A one-word
  organisation/product/... that is a person"s surname here is that person.
- roles: the title written before a name ("external affairs minister S.
  Jaishankar" -> "external affairs minister", "Russian President Vladimir Putin"
  -> "Russian President") or in an apposition after it ("Sergey Lavrov, Russia"s
  foreign minister,"); a person"s other mentions carry the first role stated.
- places vs actors: a GPE that is the subject of a verb ("India imposed",
  "Washington has said", "India and Russia on Thursday explored") has role
  "actor"; one after a place preposition ("in New Delhi") or in a dateline
  ("New Delhi: ...") has role "place"; the name itself is never changed, so
  "New Delhi" and "India" stay distinct.
- organisations: "the" dropped, an acronym joins the name it abbreviates
  ("NSA" -> "National Security Agency"), a few country aliases are unified
  ("U.S." -> "United States").
Across articles, `canonical_across` maps each article"s canonical names to one
story-wide name with the same rules (plus near-identical spellings).

`_find` puts the mentions together; the rules live in `_names` (name
forms, `compatible`), `_people` (grouping by surname), `_roles`
(titles and appositions), `_places` (GPE actor or place) and
`_orgs` (aliases, acronyms, keys of other names).
"""

from __future__ import annotations

from ._find import canonical_across, compatible, find_entities, parts, strip_titles

__all__ = ["canonical_across", "compatible", "find_entities", "parts", "strip_titles"]
