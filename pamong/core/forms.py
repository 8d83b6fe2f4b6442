"""Form helpers shared by every app."""

from __future__ import annotations

from typing import Any

from django import forms

from pamong.core.models import StagedUpload
from pamong.core.staging import REFUSED, Keeper, Kept, as_clean
from pamong.core.storage import STORAGE_MESSAGE, StorageError, atomic_with_files
from pamong.core.uploads import CleanFile


def bootstrap(form: forms.Form) -> None:
    """Give every widget its Bootstrap class (radios and checkboxes are laid out by their templates)."""
    form.label_suffix = ""
    for f in form.fields.values():
        if isinstance(f.widget, forms.RadioSelect):
            continue
        if isinstance(f.widget, forms.CheckboxInput):
            css = "form-check-input"
        elif isinstance(f.widget, forms.Select):
            css = "form-select"
        else:
            css = "form-control"
        f.widget.attrs.setdefault("class", css)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field (photos of a complaint or of a visit's finding); cleans to a list."""

    def clean(self, data: Any, initial: Any = None) -> Any:
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(d, initial) for d in data if d]
        return [single(data, initial)] if data else []


class KeepsFiles(forms.Form):
    """A form whose file fields keep what was attached on an earlier, refused submission (pamong.core.staging).

    The form calls ``keep_setup`` at the end of ``__init__``, ``keep_clean`` for a file field the citizen left
    empty and ``keep_passed`` for each new file that passed the content checks; the view calls ``keep_files``
    after an error, and the template shows ``kept`` ("sudah terlampir") with the tokens as hidden inputs."""

    KEPT_SUFFIX = "-terlampir"

    def keep_setup(self, keeper: Keeper | None, *, instance: str, names: list[str]) -> None:
        self.keeper = keeper
        self.keep_instance = instance
        self.kept: dict[str, list[Kept]] = {}
        self._kept_rows: dict[str, list[StagedUpload]] = {}
        self._kept_refused: set[str] = set()
        self._passed: dict[str, list[CleanFile]] = {}
        if keeper is None or not self.is_bound or not instance:
            return
        for name in names:
            tokens = self.data.getlist(name + self.KEPT_SUFFIX) if hasattr(self.data, "getlist") else []
            if not tokens:
                continue
            found, refused = keeper.claim(field=name, instance=instance, tokens=tokens)
            if found:
                self.kept[name] = [kept for kept, _row in found]
                self._kept_rows[name] = [row for _kept, row in found]
            elif refused:
                self._kept_refused.add(name)
            if found or refused:
                # The file is there (or its loss is said plainly in keep_clean): not "Unggah berkas ini.".
                self._not_required_while_kept(name)

    def keep_clean(self, name: str) -> list[CleanFile]:
        """The kept files standing for an empty file field (none when nothing was kept); adds the error when a
        kept file can no longer be used."""
        if name in self._kept_refused:
            self.add_error(name, REFUSED)
            return []
        files = [as_clean(row) for row in self._kept_rows.get(name, [])]
        if any(f is None for f in files):
            self.kept.pop(name, None)
            self.add_error(name, REFUSED)
            return []
        return [f for f in files if f is not None]

    def keep_passed(self, name: str, clean: CleanFile) -> None:
        """A newly chosen file that passed the checks: kept should the form be refused."""
        if clean.staged_pk is None:
            self._passed.setdefault(name, []).append(clean)

    def keep_files(self) -> None:
        """After an error: keep every new file that passed the checks (it replaces what was kept for its field),
        all or none. After a storage error, or when the disk refuses one of them, nothing new is kept and the
        page says so once."""
        if self.keeper is None or not self.errors or not self.keep_instance or not self._passed:
            return
        if STORAGE_MESSAGE in self.non_field_errors():
            return
        kept: dict[str, list[Kept]] = {}
        try:
            with atomic_with_files():
                for name, cleans in self._passed.items():
                    kept[name] = [
                        self.keeper.stage(field=name, instance=self.keep_instance, clean=clean) for clean in cleans
                    ]
        except StorageError as exc:
            self.add_error(None, exc.message)
            return
        self.kept.update(kept)
        for name in kept:
            self._not_required_while_kept(name)

    def _not_required_while_kept(self, name: str) -> None:
        """A field whose file is attached needs no new one: no ``required`` for the browser, the asterisk kept."""
        field = self.fields[name]
        field.marked_required = field.required or getattr(field, "marked_required", False)  # type: ignore[attr-defined]
        field.required = False
