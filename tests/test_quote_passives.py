"""A verb of saying under a passive clause is what the clause's subject did (issue 20): "X was heckled
by protesters after telling ..." is X's, "X is expected to call it ..." too; the agent did not speak."""

from __future__ import annotations

from .test_quotes import mention, one, quotes


def test_a_participle_under_a_passive_is_its_subjects_not_the_agents() -> None:
    text = (
        "Mayor Tom Reyes was heckled by protesters after telling the crowd that the budget was "
        "\u201cperfectly balanced.\u201d"
    )
    q = one(quotes(text), "perfectly balanced")
    assert (q.speaker, mention(text, q)) == ("Tom Reyes", "Mayor Tom Reyes")


def test_a_passive_subject_speaks_the_infinitive_after_it() -> None:
    text = "Councilwoman Ida Marsh is expected to call the plan \u201ca waste of money.\u201d"
    q = one(quotes(text), "a waste of money")
    assert q.speaker == "Ida Marsh"
