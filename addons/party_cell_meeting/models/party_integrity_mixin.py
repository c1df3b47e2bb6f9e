import datetime
import secrets

from dateutil.relativedelta import relativedelta
from psycopg2 import errors

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL, format_date, ormcache

# The Party was founded on 3 February 1930: no record of it is dated earlier.
PARTY_FOUNDING = datetime.date(1930, 2, 3)
# How far ahead a user may date a meeting, a decision or an assignment.
YEARS_AHEAD = 5
# Fields of the chatter and activities: mail checks its own rights on them.
MAIL_FIELD_PREFIXES = ("message_", "activity_", "website_message_")
# Marks the workflow's own writes: honoured only in a superuser environment
# and with this process's token, which no client can know or send.
SYSTEM_WRITE = "party_system_write"
SYSTEM_TOKEN = secrets.token_hex(16)


class PartyIntegrityMixin(models.AbstractModel):
    """What users may write, whatever client they write with.

    Odoo's ``readonly`` is a hint for the web client; JSON-RPC and XML-RPC
    accept any field. A model of the addon declares here which of its fields
    only the system or a workflow step sets, which are fixed once given, and
    which stay open in each state. Any other write from a user (not the
    superuser) is refused with a UserError, whatever the context says:
    actions check the user's right to act, then write with ``sudo()``
    (``_party_write_as_system``).

    System-owned, besides ``_party_system_fields``: ``state``, every computed
    or related field users cannot type in (``readonly``), and every plain
    field declared ``readonly`` (only at creation for those: a rubric is
    chosen when the sheet is made).
    """

    _name = "party.integrity.mixin"
    _description = "Party Record Integrity"

    # set only by actions and crons (beside state and readonly fields)
    _party_system_fields = ()
    # given when the record is made, never changed afterwards
    _party_owner_fields = ()
    # {state: the fields users may still write in it}; a state not listed
    # leaves every field that is not system-owned open
    _party_open_fields_by_state = {}
    # dates users type, kept between the Party's founding and a few years ahead
    _party_typed_dates = ()
    # lock the rows a user writes so that a concurrent writer is refused
    _party_lock_rows = False

    # ------------------------------------------------------------------
    # what is system-owned
    # ------------------------------------------------------------------

    @api.model
    @ormcache("self._name", "creating")
    def _party_system_field_names(self, creating=False):
        """The fields no user writes; at creation, the fields no user gives
        (plain readonly fields are then open: they are set once). Fixed for
        a registry: computed once per model."""
        names = set(self._party_system_fields)
        for name, field in self._fields.items():
            if name.startswith(MAIL_FIELD_PREFIXES):
                continue
            if name == "state" or ((field.compute or field.related) and field.readonly):
                names.add(name)
            elif field.readonly and not creating:
                names.add(name)
        return frozenset(names)

    def _party_open_fields(self):
        """The fields users may write on this record in its state, or None
        for every field that is not system-owned."""
        self.ensure_one()
        if "state" not in self._fields:
            return None
        return self._party_open_fields_by_state.get(self.state)

    # ------------------------------------------------------------------
    # the guard
    # ------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            self = self._party_without_system_defaults()
            system = self._party_system_field_names(creating=True)
            for vals in vals_list:
                given = {
                    name for name in system & set(vals)
                    if vals[name] != self._party_field_default(name)
                }
                if given:
                    self._party_refuse(given)
        return super().create(vals_list)

    def write(self, vals):
        if self:
            self._party_check_write(vals)
            if self._party_lock_rows and not self.env.su:
                self._party_lock_for_update()
        return super().write(vals)

    def _party_check_write(self, vals):
        names = {name for name in vals if not name.startswith(MAIL_FIELD_PREFIXES)}
        if not self.env.su:
            # out of the user's scope is an access error, before any other
            self.check_access("write")
            refused = names & self._party_system_field_names()
            if refused:
                self._party_refuse(refused)
            for name in names & set(self._party_owner_fields):
                field = self._fields[name]
                for record in self:
                    given = field.convert_to_cache(vals[name], record)
                    if record[name] and record[name] != field.convert_to_record(given, record):
                        self._party_refuse({name})
        elif self.env.context.get(SYSTEM_WRITE) == SYSTEM_TOKEN:
            # an action's own write (see _party_write_as_system)
            return
        # what a state closes is closed to the superuser too
        for record in self:
            open_fields = record._party_open_fields()
            if open_fields is not None and names - set(open_fields):
                raise UserError(record._party_locked_message())

    def _party_refuse(self, names):
        labels = sorted(self._fields[name]._description_string(self.env) for name in names)
        raise UserError(
            self.env._(
                "%(fields)s of %(model)s: the system sets them, or its buttons do; "
                "they are not written directly.",
                fields=", ".join(f"“{label}”" for label in labels),
                model=self.env["ir.model"]._get(self._name).name,
            )
        )

    def _party_locked_message(self):
        """What a user is told when writing a field closed in the record's
        state; models say what to do instead."""
        self.ensure_one()
        state = dict(self._fields["state"]._description_selection(self.env))[self.state]
        return self.env._(
            "%(record)s is “%(state)s”: it is kept as it is.",
            record=self.display_name,
            state=state,
        )

    @api.model
    def _party_field_default(self, name):
        """The value a field takes when the client gives none (its own
        default: a context's default_<field> keys are dropped beforehand)."""
        field = self._fields[name]
        if field.default is None:
            return False if field.type not in ("one2many", "many2many") else []
        return field.default(self)

    @api.model
    def _party_without_system_defaults(self):
        """The same environment, without the ``default_<field>`` keys a
        client may send for system-owned fields."""
        system = self._party_system_field_names(creating=True)
        context = {
            key: value
            for key, value in self.env.context.items()
            if not (key.startswith("default_") and key[len("default_"):] in system)
        }
        if len(context) == len(self.env.context):
            return self
        return self.with_env(self.env(context=context))

    def _party_system(self):
        """These records as the workflow writes them: as the superuser, past
        the locks of their state. The context key counts only with sudo()
        and this process's token: a client can send the key, not the token."""
        return self.sudo().with_context(**{SYSTEM_WRITE: SYSTEM_TOKEN})

    def _party_write_as_system(self, vals):
        """Write, for an action the current user is taking, fields users may
        not write: the user must have the right to write these records."""
        self.check_access("write")
        return self._party_system().write(vals)

    def _party_log(self, body, **kwargs):
        """Post body on these records' chatter in the current user's name.
        Posted as the system: the trail of a correction must not depend on
        the user having an e-mail address or the right to post."""
        return [
            record.sudo().message_post(
                body=body, author_id=self.env.user.partner_id.id, **kwargs
            )
            for record in self
        ]

    def _party_lock_for_update(self):
        """Lock these rows until the transaction ends; refuse at once, with a
        message, when another user is changing them or changed them since
        this transaction began."""
        if not self.ids:
            return
        try:
            with self.env.cr.savepoint(flush=False):
                self.env.cr.execute(
                    SQL(
                        "SELECT id FROM %s WHERE id IN %s FOR UPDATE NOWAIT",
                        SQL.identifier(self._table),
                        tuple(self.ids),
                    ),
                    log_exceptions=False,
                )
        except (errors.LockNotAvailable, errors.SerializationFailure):
            raise UserError(
                self.env._(
                    "Someone else is changing %(record)s at this moment: reload it "
                    "and try again, so that neither change is lost.",
                    record=self[:1].sudo().display_name,
                )
            ) from None

    # ------------------------------------------------------------------
    # typed dates
    # ------------------------------------------------------------------

    @api.constrains(lambda self: self._party_typed_dates)
    def _check_party_typed_dates(self):
        for record in self:
            for name in self._party_typed_dates:
                check_typed_date(
                    self.env, record[name], self._fields[name]._description_string(self.env)
                )


def check_typed_date(env, value, label):
    """Refuse a date typed by a user before the Party's founding or more
    than a few years ahead (dates Python cannot even shift by a month)."""
    if not value:
        return
    if isinstance(value, datetime.datetime):
        value = value.date()
    latest = fields.Date.context_today(env.user) + relativedelta(years=YEARS_AHEAD)
    if PARTY_FOUNDING <= value <= latest:
        return
    raise ValidationError(
        env._(
            "%(field)s %(date)s is out of range: give a date between %(first)s "
            "(the founding of the Party) and %(last)s.",
            field=label,
            date=format_date(env, value),
            first=format_date(env, PARTY_FOUNDING),
            last=format_date(env, latest),
        )
    )
