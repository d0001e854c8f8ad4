"""The password rules as one line under a new password, each rule named by the error
code of the validator behind it, so that a failing rule can be marked."""

from django.contrib.auth.password_validation import (
    CommonPasswordValidator,
    MinimumLengthValidator,
    NumericPasswordValidator,
    UserAttributeSimilarityValidator,
    get_default_password_validators,
)
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

# Constant markup.
NOT_MET = mark_safe('<span class="visually-hidden"> (not met)</span>')  # nosec B308


def _rule(validator) -> tuple[str, str, str] | None:
    """(error code, words, data attributes) of one of Django's validators; None for
    any other. password.js checks the length and the digits as the shopper types."""
    if isinstance(validator, MinimumLengthValidator):
        words = f"at least {validator.min_length} characters"
        return (
            "password_too_short",
            words,
            format_html(' data-min-length="{}"', validator.min_length),
        )
    if isinstance(validator, NumericPasswordValidator):
        # Constant markup.
        not_numeric = mark_safe(" data-not-numeric")  # nosec B308
        return "password_entirely_numeric", "not only numbers", not_numeric
    if isinstance(validator, CommonPasswordValidator):
        return "password_too_common", "not a common password", ""
    if isinstance(validator, UserAttributeSimilarityValidator):
        return "password_too_similar", "not like your email", ""
    return None


# The order a shopper reads them in, whatever the order of AUTH_PASSWORD_VALIDATORS.
ORDER = ["password_too_short", "password_entirely_numeric", "password_too_common"]
RULE_CODES = {*ORDER, "password_too_similar"}
BREAKS_THE_RULES = "Choose a password that keeps the rules marked above."


def rules_line(*, failing=frozenset()) -> str:
    """ "At least 8 characters, not only numbers, …": the rules in `failing` (error
    codes) are marked and said to be unmet."""
    rules = [rule for rule in map(_rule, get_default_password_validators()) if rule]
    rules.sort(key=lambda rule: ORDER.index(rule[0]) if rule[0] in ORDER else len(ORDER))
    if rules:  # the line begins with a capital
        code, words, attributes = rules[0]
        rules[0] = (code, words[:1].upper() + words[1:], attributes)
    spans = format_html_join(
        ", ",
        '<span class="password-rule{}" data-rule="{}"{}>{}{}</span>',
        (
            (
                " password-rule--failing" if code in failing else "",
                code,
                attributes,
                words,
                NOT_MET if code in failing else "",
            )
            for code, words, attributes in rules
        ),
    )
    return format_html('<span class="password-rules">{}.</span>', spans)
