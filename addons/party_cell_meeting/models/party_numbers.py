from odoo.tools.misc import formatLang


def format_points(env, value):
    """Points as the user's language writes them: "92", "85,5" in
    Vietnamese, never the float's own "92.0"."""
    return formatLang(env, value, digits=0 if float(value).is_integer() else 1)
