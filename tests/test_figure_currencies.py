"""The figure grammar's currencies as Hypothesis round trips and cases: symbols, spaced, mojibake and
transliterated signs, ISO codes and names, lower-cased text, shared names by country, exchange rates.
(Signs, units, rates, points and ranges are in test_figure_grammar.py.)"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsfuse.analyze.figures import find_figures
from tests.test_figure_grammar import close, numbers, only, small

# --- currencies -----------------------------------------------------------------------------------

CURRENCY_FORMS = [
    ("${n}", "USD"), ("US${n}", "USD"), ("US ${n}", "USD"), ("HK${n}", "HKD"), ("HK ${n}", "HKD"),
    ("S${n}", "SGD"), ("A${n}", "AUD"), ("C${n}", "CAD"), ("NZ${n}", "NZD"), ("NZ ${n}", "NZD"),
    ("NT${n}", "TWD"), ("R${n}", "BRL"), ("€{n}", "EUR"), ("â‚¬{n}", "EUR"), ("EUR {n}", "EUR"),
    ("£{n}", "GBP"), ("Â£{n}", "GBP"), ("PS{n}", "GBP"), ("¥{n}", "JPY"), ("Y={n}", "JPY"),
    ("RMB {n}", "CNY"), ("₹{n}", "INR"), ("Rs {n}", "INR"), ("Rs.{n}", "INR"), ("RM{n}", "MYR"),
    ("CHF {n}", "CHF"), ("SEK {n}", "SEK"), ("{n} SEK", "SEK"), ("{n} USD", "USD"),
    ("{n} dollars", "USD"), ("{n} Hong Kong dollars", "HKD"), ("{n} Singapore dollars", "SGD"),
    ("{n} yen", "JPY"), ("{n} yuan", "CNY"), ("{n} renminbi", "CNY"), ("{n} ringgit", "MYR"),
    ("{n} rupees", "INR"), ("{n} Pakistani rupees", "PKR"), ("{n} Swiss francs", "CHF"),
    ("{n} zlotys", "PLN"), ("{n} Swedish kronor", "SEK"), ("{n} Philippine pesos", "PHP"),
    ("Rmb{n}", "CNY"), ("KSh {n}", "KES"), ("Sh{n}", "KES"), ("Dh{n}", "AED"), ("SR{n}", "SAR"),
    ("{n} euros", "EUR"), ("{n} pounds sterling", "GBP"), ("{n} won", None), ("{n} South Korean won", "KRW"),
]  # fmt: skip
SCALES = [("", 1.0), (" million", 1e6), ("m", 1e6), (" billion", 1e9), ("bn", 1e9), (" lakh", 1e5),
          (" crore", 1e7), (" lakh crore", 1e12)]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(numbers, st.sampled_from(CURRENCY_FORMS), st.sampled_from(SCALES))
def test_currency_round_trip(
    num: tuple[str, float], form: tuple[str, str | None], scale: tuple[str, float]
) -> None:
    digits, value = num
    if form[1] is None:
        return  # "won" alone is a verb as often as a currency
    surface = form[0].format(n=digits + scale[0])
    text = f"The ministry said revenue was {surface} last year."
    f = only(text, surface)
    assert f.currency == form[1] and f.unit == form[1], f
    assert close(f.value, value * scale[1])


@pytest.mark.parametrize(
    ("text", "surface", "code", "value"),
    [("Eskom lost R1.2bn last year.", "R1.2bn", "ZAR", 1.2e9), ("Net profit was RM1.2bil.", "RM1.2bil", "MYR", 1.2e9),
     ("The project costs RM1.5 mil.", "RM1.5 mil", "MYR", 1.5e6)],
)  # fmt: skip
def test_prefixes_that_need_a_scale(text: str, surface: str, code: str, value: float) -> None:
    f = only(text, surface)
    assert f.currency == code and close(f.value, value)


@pytest.mark.parametrize(
    "text", ["The R2 unit took the SR 520 road and the R500 route.", "Shares in Sh 5 fell."]
)
def test_prefixes_that_are_names(text: str) -> None:
    assert [f for f in find_figures(text) if f.currency] == []


@pytest.mark.parametrize(
    ("text", "code"),
    [("Argentina devalued the peso to 800 per dollar.", "ARS per USD"), ("It cost 500 pesos in Manila.", "PHP"),
     ("Karachi pays Rs 500 a day.", "PKR per day"), ("Mexico and Argentina paid 5 pesos.", "MXN"),
     ("Delhi pays Rs 500 a day.", "INR per day")],
)  # fmt: skip
def test_shared_currency_names_by_country(text: str, code: str) -> None:
    assert [f.unit for f in find_figures(text) if f.currency] == [code]


@pytest.mark.parametrize(
    ("text", "surface", "code"),
    [("the company reported revenue of ps3.2bn.", "ps3.2bn", "GBP"), ("prices rose to hk$5.", "hk$5", "HKD"),
     ("it raised rs 500 crore.", "rs 500 crore", "INR"), ("sales hit us$2bn.", "us$2bn", "USD")],
)  # fmt: skip
def test_currency_signs_in_lower_cased_text(text: str, surface: str, code: str) -> None:
    assert only(text, surface).currency == code


@pytest.mark.parametrize(
    "text", ["the ps5 sold well.", "Try 5 times, she said.", "the 5g network covers the city."]
)
def test_lower_case_forms_that_are_not_money(text: str) -> None:
    assert [f for f in find_figures(text) if f.currency or f.unit == "gram"] == []


def test_hk_dollars_with_a_space_are_not_us_dollars() -> None:
    f = only("The deal is worth HK $3.2 billion.", "HK $3.2 billion")
    assert f.currency == "HKD"


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Toyota earned ¥2.5 trillion last year.", "JPY"),
        ("China's Alibaba earned ¥941 billion last year.", "CNY"),
        ("Beijing set aside ¥1 trillion for the yuan's defence.", "CNY"),
        ("Japan's Sony, with Chinese partners, paid ¥30 billion.", "JPY"),
    ],
)
def test_yen_sign_by_context(text: str, code: str) -> None:
    [f] = [f for f in find_figures(text) if f.currency]
    assert f.currency == code


@pytest.mark.parametrize(
    ("text", "surface", "code"),
    [("Samsung earned 6.57 trillion won last year.", "6.57 trillion won", "KRW"),
     ("Seoul will pay 300,000 won to each household.", "300,000 won", "KRW"),
     ("Of the 20 seats, 12 won by the opposition were in the north.", "12", None)],
)  # fmt: skip
def test_won_is_money_with_a_scale_or_about_korea(text: str, surface: str, code: str | None) -> None:
    assert only(text, surface).currency == code


EXCHANGE_RATES = [
    ("The yuan weakened to {n} per dollar.", "{n} per dollar", "CNY per USD"),
    ("The Japanese yen slid past {n} to the dollar.", "{n} to the dollar", "JPY per USD"),
    ("Malaysia pegged the ringgit at {n} to the US dollar.", "{n} to the US dollar", "MYR per USD"),
    ("The rupee closed at {n} against the euro.", "{n} against the euro", "INR per EUR"),
    ("The Hong Kong dollar traded at {n} per US dollar.", "{n} per US dollar", "HKD per USD"),
    ("Iran's rial fell to {n} to the dollar.", "{n} to the dollar", "IRR per USD"),
]


@settings(max_examples=100, deadline=None)
@given(small, st.sampled_from(EXCHANGE_RATES))
def test_exchange_rates_take_the_currency_named_before_them(
    num: tuple[str, float], form: tuple[str, ...]
) -> None:
    digits, value = num
    f = only(form[0].format(n=digits), form[1].format(n=digits))
    assert f.unit == form[2] and f.currency == form[2][:3] and close(f.value, value)


@pytest.mark.parametrize(
    ("text", "surface", "unit"),
    [("Copper rose to $2.22 a pound.", "$2.22 a pound", "USD per pound"),
     ("The euro rose to 0.85 against the pound.", "0.85 against the pound", "EUR per GBP")],
)  # fmt: skip
def test_a_pound_is_a_weight_and_the_pound_a_currency(text: str, surface: str, unit: str) -> None:
    assert only(text, surface).unit == unit


def test_a_rate_per_dollar_without_a_currency_before_it_stays_bare() -> None:
    f = find_figures("Members earn 3 per dollar spent.")[0]
    assert f.currency is None and "USD" not in (f.unit or "")


@pytest.mark.parametrize("text", ["He bought a PS5 and a PS4 Pro.", "RON95 petrol costs more."])
def test_names_that_look_like_money(text: str) -> None:
    assert [f for f in find_figures(text) if f.currency] == []
