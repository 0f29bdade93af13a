"""One exception hierarchy for everything a user can get wrong.

The CLI catches :class:`KBError` alone and prints ``error: <message>``; any
other exception is a bug in conflict-kb and is allowed to show its traceback.
"""

from __future__ import annotations


class KBError(Exception):
    """Base class of every error caused by input, arguments or the store."""


class FactFileError(KBError):
    """A fact file (or one event in it) cannot be read, resolved or mapped.

    The message locates the problem the way a person fixes it:
    ``FILE: event N (id): field: message``, leaving out the parts that do not
    apply (a YAML syntax error has no event, a bad ``article`` block no index).
    """

    def __init__(
        self,
        message: str,
        *,
        file: str | None = None,
        index: int | None = None,
        event_id: str | None = None,
        field: str | None = None,
        section: str = "event",
    ) -> None:
        self.message = message
        self.file = file
        self.index = index
        self.event_id = event_id
        self.field = field
        self.section = section
        super().__init__(str(self))

    def located(
        self,
        *,
        file: str | None = None,
        index: int | None = None,
        event_id: str | None = None,
        field: str | None = None,
        section: str | None = None,
    ) -> FactFileError:
        """Return a copy with the location filled in where it was unknown.

        Resolvers deep down know the field; the reader knows the file and the
        event. Each adds what it knows on the way up.
        """
        return FactFileError(
            self.message,
            file=self.file or file,
            index=self.index if self.index is not None else index,
            event_id=self.event_id or event_id,
            field=self.field or field,
            section=section or self.section,
        )

    def __str__(self) -> str:
        parts = []
        if self.file:
            parts.append(self.file)
        if self.index is not None:
            where = f"{self.section} {self.index}"
            if self.event_id:
                where += f" ({self.event_id})"
            parts.append(where)
        elif self.event_id:
            parts.append(f"{self.section} {self.event_id}")
        if self.field:
            parts.append(self.field)
        parts.append(self.message)
        return ": ".join(parts)


class FactFileErrors(FactFileError):
    """Several problems in one file, found in one reading: each stays a located :class:`FactFileError`.

    ``str()`` gives one line per problem, so a person fixes them all at once;
    the attributes are the first problem's, for code that reads one.
    """

    errors: list[FactFileError]

    @classmethod
    def of(cls, errors: list[FactFileError]) -> FactFileError:
        """The one error itself, or all of them together."""
        flat = [e for err in errors for e in (err.errors if isinstance(err, FactFileErrors) else [err])]
        if len(flat) == 1:
            return flat[0]
        first = flat[0]
        combined = cls(
            first.message,
            file=first.file,
            index=first.index,
            event_id=first.event_id,
            field=first.field,
            section=first.section,
        )
        combined.errors = flat
        return combined

    def located(self, **where) -> FactFileError:
        return FactFileErrors.of([e.located(**where) for e in self.errors])

    def __str__(self) -> str:
        if not getattr(self, "errors", None):
            return super().__str__()
        return "\n".join(str(e) for e in self.errors)


class ExtractError(FactFileError):
    """An article text cannot be read for extraction (empty, binary, no date)."""


class DateError(KBError):
    """A date expression cannot be resolved to bounds; never guessed."""


class ActorError(KBError):
    """A name matches no actor, or more than one."""


class QueryError(KBError):
    """A SPARQL query is malformed or not allowed (updates through `query`)."""


class StoreError(KBError):
    """The store is missing, locked by another process, or unreadable."""
