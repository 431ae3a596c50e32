"""Checking JSON-LD: parsed with rdflib without going to the network, and validated
with pyshacl against the OSLO "besluit-publicatie" shapes (tests/council/shapes)."""

import json
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from unittest.mock import patch

from pyshacl import validate
from rdflib import Graph, Namespace

SHAPES = Path(__file__).parent / "council" / "shapes"
BESLUIT = Namespace("http://data.vlaanderen.be/ns/besluit#")
HYDRA = Namespace("http://www.w3.org/ns/hydra/core#")

# besluit-shape.ttl is a fragment upstream: it uses these prefixes without
# declaring them.
PREFIXES = (
    "@prefix sh: <http://www.w3.org/ns/shacl#> .\n"
    "@prefix qb: <http://purl.org/linked-data/cube#> .\n"
)

LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1", None}


def _contexts(node) -> Iterator:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "@context":
                yield value
            yield from _contexts(value)
    elif isinstance(node, list):
        for item in node:
            yield from _contexts(item)


def _remote(context) -> bool:
    """Whether reading the context means fetching something (a URL, an @import)."""
    if isinstance(context, list):
        return any(_remote(item) for item in context)
    if isinstance(context, dict):
        return "@import" in context or any(
            _remote(value["@context"])
            for value in context.values()
            if isinstance(value, dict) and "@context" in value
        )
    return context is not None


@contextmanager
def offline():
    """No connection to another host: a remote context fails instead of loading."""
    real_getaddrinfo = socket.getaddrinfo

    def getaddrinfo(host, *args, **kwargs):
        if host not in LOCAL_HOSTS:
            raise OSError(f"no network in tests: {host}")
        return real_getaddrinfo(host, *args, **kwargs)

    with patch.object(socket, "getaddrinfo", getaddrinfo):
        yield


def parse_json_ld(content: bytes | str) -> Graph:
    """The document as a graph; every @context in it is inline, read offline."""
    document = json.loads(content)
    contexts = list(_contexts(document))
    assert contexts, "no @context"
    assert not any(_remote(context) for context in contexts), contexts
    with offline():
        return Graph().parse(data=json.dumps(document), format="json-ld")


def shapes(shapes_file: str) -> Graph:
    text = (SHAPES / shapes_file).read_text()
    if "@prefix sh:" not in text:
        text = PREFIXES + text
    return Graph().parse(data=text, format="turtle")


def conformance(graph: Graph, shapes_file: str) -> tuple[bool, str]:
    with offline():
        conforms, _graph, report = validate(
            graph, shacl_graph=shapes(shapes_file), inference="none"
        )
    return conforms, report


def assert_conforms(graph: Graph, shapes_file: str) -> None:
    conforms, report = conformance(graph, shapes_file)
    assert conforms, f"{shapes_file}:\n{report}"
