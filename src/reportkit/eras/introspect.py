"""Reading the models' own structure: the one place that knows how field types are written.

Fields are declared as ``X | None``, ``Annotated[X, …]`` or ``tuple[X, ...]``; the
walkers in loading, normalising, checking, scaffolding and the table of labels all
need the model class or plain type inside, and each field's data-file key.
"""

from __future__ import annotations

import functools
import types
import typing
from collections.abc import Iterator, Sequence
from typing import Any

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from reportkit.eras.model import Filling, fill_kind

__all__ = [
    "Field",
    "fields",
    "fields_by_alias",
    "key_of",
    "model_at",
    "model_of",
    "scalar_of",
    "walk",
    "walk_keys",
]

Path = tuple[str | int, ...]


def _inner(annotation: Any) -> list[Any]:
    """The types an annotation stands for, with Annotated, Optional and unions unwrapped."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _inner(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        return [
            t for arg in typing.get_args(annotation) if arg is not type(None) for t in _inner(arg)
        ]
    return [annotation]


def model_of(annotation: Any) -> tuple[type[BaseModel] | None, bool]:
    """(the model class inside a field's type, whether the field is a sequence of them)."""
    for candidate in _inner(annotation):
        if typing.get_origin(candidate) in (tuple, list):
            inner, _ = model_of(typing.get_args(candidate)[0])
            return inner, True
        if isinstance(candidate, type) and issubclass(candidate, BaseModel):
            return candidate, False
    return None, False


def scalar_of(annotation: Any) -> Any:
    """The one plain type (int, Decimal, date, bool, str, an Enum…) of a scalar field, or None."""
    kinds = _inner(annotation)
    return kinds[0] if len(kinds) == 1 and isinstance(kinds[0], type) else None


def key_of(name: str, info: FieldInfo) -> str:
    """A field's data-file key (its Chinese alias)."""
    return info.alias or name


@functools.cache
def fields_by_alias(model: type[BaseModel]) -> dict[str, tuple[str, FieldInfo]]:
    """Data-file key → (Python name, field info), in declaration order."""
    return {key_of(name, info): (name, info) for name, info in model.model_fields.items()}


class Field(typing.NamedTuple):
    """A field of a model as the walkers need it, worked out once per class."""

    name: str
    key: str
    info: FieldInfo
    filling: Filling | None


@functools.cache
def fields(model: type[BaseModel]) -> tuple[Field, ...]:
    """Every field of ``model``: Python name, data-file key, info and fill-in kind."""
    return tuple(
        Field(name, key_of(name, info), info, fill_kind(info))
        for name, info in model.model_fields.items()
    )


def model_at(root: type[BaseModel], path: Sequence[str | int]) -> type[BaseModel] | None:
    """The model of the mapping at ``path`` (data-file keys; list indices are stepped over)."""
    model: type[BaseModel] | None = root
    for step in path:
        if isinstance(step, int) or model is None:
            continue
        found = fields_by_alias(model).get(step)
        if found is None:
            return None
        model = model_of(found[1].annotation)[0]
    return model


def walk(instance: BaseModel, path: Path = ()) -> Iterator[tuple[Path, Field, Any]]:
    """(path, field, value) for every field of ``instance`` and of the models inside it."""
    for field in fields(type(instance)):
        value = getattr(instance, field.name)
        here = (*path, field.key)
        yield here, field, value
        if isinstance(value, BaseModel):
            yield from walk(value, here)
        elif isinstance(value, tuple):
            for i, item in enumerate(value):
                if isinstance(item, BaseModel):
                    yield from walk(item, (*here, i))


def _inner_model(field: Field) -> type[BaseModel] | None:
    return model_of(field.info.annotation)[0]


@functools.cache
def _holding(model: type[BaseModel], keys: frozenset[str]) -> frozenset[type[BaseModel]]:
    """The models reachable from ``model`` (itself included) that have a field with one of
    ``keys``, or a field whose model does, at any depth (models may hold themselves)."""
    reachable = {model}
    todo = [model]
    while todo:
        for field in fields(todo.pop()):
            inner = _inner_model(field)
            if inner is not None and inner not in reachable:
                reachable.add(inner)
                todo.append(inner)
    holding = {m for m in reachable if any(f.key in keys for f in fields(m))}
    grown = True
    while grown:
        grown = False
        for m in reachable - holding:
            if any(_inner_model(f) in holding for f in fields(m)):
                holding.add(m)
                grown = True
    return frozenset(holding)


@functools.cache
def _leading_to(model: type[BaseModel], keys: frozenset[str]) -> tuple[tuple[Field, bool], ...]:
    """The fields of ``model`` :func:`walk_keys` visits: (field, whether its key is one of
    ``keys``) for each field that has such a key or whose model holds one, at any depth."""
    holding = _holding(model, keys)
    return tuple(
        (field, field.key in keys)
        for field in fields(model)
        if field.key in keys or _inner_model(field) in holding
    )


def walk_keys(
    instance: BaseModel, keys: frozenset[str], path: Path = ()
) -> Iterator[tuple[Path, Field, Any]]:
    """What :func:`walk` yields for the fields whose key is one of ``keys``, in the same order,
    without visiting the models that cannot hold one (worked out once per model class)."""
    for field, wanted in _leading_to(type(instance), keys):
        value = getattr(instance, field.name)
        here = (*path, field.key)
        if wanted:
            yield here, field, value
        if isinstance(value, BaseModel):
            yield from walk_keys(value, keys, here)
        elif isinstance(value, tuple):
            for i, item in enumerate(value):
                if isinstance(item, BaseModel):
                    yield from walk_keys(item, keys, (*here, i))
