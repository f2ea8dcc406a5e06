"""A real LSP client (pygls's own) driving ``corefile lsp`` as a subprocess, for synchronous tests.

The client runs on an event loop in a background thread; tests call :meth:`Session.request` and
friends, which wait for the answer. Diagnostics the server publishes are kept per document, with
the document version they were computed for.
"""

from __future__ import annotations

import asyncio
import re
import sys
import threading
import time
import uuid
from concurrent.futures import Future
from pathlib import Path
from typing import Any

from lsprotocol import types
from pygls.lsp.client import LanguageClient
from pygls.protocol import JsonRPCRequestMessage

TIMEOUT = 10.0


class Session:
    def __init__(self, root: Path, initialization_options: dict | None = None, capabilities=None) -> None:
        self.root = root
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.thread.start()
        self.client = LanguageClient("corefile-tests", "1")
        self.diagnostics: dict[str, types.PublishDiagnosticsParams] = {}
        self.published: dict[str, int] = {}
        self.logs: list[str] = []
        self.versions: dict[str, int] = {}

        @self.client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        def _diagnostics(params: types.PublishDiagnosticsParams) -> None:
            self.diagnostics[params.uri] = params
            self.published[params.uri] = self.published.get(params.uri, 0) + 1

        @self.client.feature(types.WINDOW_LOG_MESSAGE)
        def _log(params: types.LogMessageParams) -> None:
            self.logs.append(params.message)

        @self.client.feature(types.WINDOW_SHOW_MESSAGE)
        def _show(params: types.ShowMessageParams) -> None:
            self.logs.append(params.message)

        self._run(self.client.start_io(sys.executable, "-m", "corefile", "lsp", cwd=str(root)))
        self.initialize_result = self.request(
            "initialize_async",
            types.InitializeParams(
                capabilities=capabilities or default_capabilities(),
                root_uri=root.as_uri(),
                initialization_options=initialization_options,
            ),
        )
        self.client.initialized(types.InitializedParams())

    def _run(self, coroutine, timeout: float = TIMEOUT):
        return asyncio.run_coroutine_threadsafe(coroutine, self.loop).result(timeout)

    def request(self, method: str, params: Any, timeout: float = TIMEOUT):
        """Call one of the client's ``*_async`` request methods and wait for the answer."""
        return self._run(getattr(self.client, method)(params), timeout)

    def raw_request(self, method: str, params: Any, timeout: float = TIMEOUT):
        """Send any request, even one the protocol does not define (for the bad-client tests)."""

        async def send():
            protocol = self.client.protocol
            msg_id = str(uuid.uuid4())
            future: Future = Future()
            protocol._request_futures[msg_id] = future
            protocol._result_types[msg_id] = None  # keep the answer as plain JSON
            protocol._send_data(JsonRPCRequestMessage(id=msg_id, method=method, params=params, jsonrpc="2.0"))
            return await asyncio.wrap_future(future)

        return self._run(send(), timeout)

    def notify(self, method: str, params: Any) -> None:
        async def send():
            getattr(self.client, method)(params)

        self._run(send())

    # -- documents ---------------------------------------------------------------------------------
    def open(self, path: Path, text: str, language_id: str = "corefile") -> str:
        uri = path.as_uri()
        self.versions[uri] = 1
        self.notify("text_document_did_open", types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(uri=uri, language_id=language_id, version=1, text=text)))
        return uri

    def change(self, uri: str, text: str) -> int:
        self.versions[uri] += 1
        self.notify("text_document_did_change", types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=self.versions[uri]),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)],
        ))
        return self.versions[uri]

    def close(self, uri: str) -> None:
        self.notify("text_document_did_close", types.DidCloseTextDocumentParams(
            text_document=types.TextDocumentIdentifier(uri=uri)))

    def wait_diagnostics(self, uri: str, version: int | None = None, timeout: float = TIMEOUT) -> list[types.Diagnostic]:
        """The diagnostics published for ``uri`` (for ``version``, when given, else the document's latest)."""
        version = self.versions.get(uri) if version is None else version
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            published = self.diagnostics.get(uri)
            if published is not None and (version is None or published.version == version):
                return published.diagnostics
            time.sleep(0.005)
        raise AssertionError(f"no diagnostics for {uri} version {version} within {timeout} s")

    def shutdown(self) -> int | None:
        try:
            self.request("shutdown_async", None)
            self.client.exit(None)
        finally:
            try:
                self._run(self.client.stop(), timeout=5)
            finally:
                self.loop.call_soon_threadsafe(self.loop.stop)
                self.thread.join(5)
        server = self.client._server
        return server.returncode if server is not None else None

    @property
    def server_running(self) -> bool:
        server = self.client._server
        return server is not None and server.returncode is None


def default_capabilities() -> types.ClientCapabilities:
    """What a full-featured editor announces: snippets, hierarchical symbols, code action resolve."""
    return types.ClientCapabilities(
        text_document=types.TextDocumentClientCapabilities(
            completion=types.CompletionClientCapabilities(
                completion_item=types.ClientCompletionItemOptions(snippet_support=True)),
            document_symbol=types.DocumentSymbolClientCapabilities(hierarchical_document_symbol_support=True),
            code_action=types.CodeActionClientCapabilities(
                code_action_literal_support=types.ClientCodeActionLiteralOptions(
                    code_action_kind=types.ClientCodeActionKindOptions(value_set=[k for k in types.CodeActionKind])),
                resolve_support=types.ClientCodeActionResolveOptions(properties=["edit"]),
            ),
            publish_diagnostics=types.PublishDiagnosticsClientCapabilities(related_information=True),
        ),
    )


def apply_text_edits(text: str, edits: list[types.TextEdit]) -> str:
    """Apply LSP text edits as an editor does (UTF-16 columns; the edits do not overlap)."""
    spans = sorted(((offset_of(text, e.range.start), offset_of(text, e.range.end), e.new_text) for e in edits), reverse=True)
    for start, end, new_text in spans:
        text = text[:start] + new_text + text[end:]
    return text


def offset_of(text: str, position: types.Position) -> int:
    """A position's offset, counted independently of the server's own conversion."""
    lines = re.split(r"(?<=\r\n)|(?<=\n)|(?<=\r)(?!\n)", text)
    before = sum(len(line) for line in lines[: position.line])
    line = lines[position.line] if position.line < len(lines) else ""
    units = 0
    for index, char in enumerate(line):
        if units >= position.character:
            return before + index
        units += 2 if ord(char) > 0xFFFF else 1
    return before + len(line.rstrip("\r\n"))


def position_of(text: str, needle: str, nth: int = 0, delta: int = 0) -> types.Position:
    """The position of the ``nth`` occurrence of ``needle`` (plus ``delta`` characters), in UTF-16 units."""
    offset = -1
    for _ in range(nth + 1):
        offset = text.index(needle, offset + 1)
    offset += delta
    line = text.count("\n", 0, offset)
    before = text[text.rfind("\n", 0, offset) + 1 : offset]
    return types.Position(line=line, character=len(before.encode("utf-16-le")) // 2)
