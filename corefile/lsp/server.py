"""The language server: documents in, the engine's answers out, over stdio (``corefile lsp``).

Each open document is analysed at most once per version (``corefile.lsp.analysis``); every
feature reads that analysis. Diagnostics are published when a document opens and after it
changes: the first change after a pause is linted at once, and changes that follow within
``diagnosticsDelay`` milliseconds are gathered into one run on the newest text, so a burst of
keystrokes costs one lint, not one each.

Settings (``initializationOptions``, or ``workspace/didChangeConfiguration`` under ``corefile``):
``indent`` (formatting, default 4), ``diagnosticsDelay`` (ms, default 100), ``rulesUrl`` (a link
template such as ``https://example.org/rules/{name}.md`` for the rule pages).
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

import attrs
from lsprotocol import types
from pygls.exceptions import JsonRpcException, JsonRpcInvalidParams
from pygls.lsp.server import LanguageServer
from pygls.protocol import LanguageServerProtocol

from corefile.__about__ import __version__
from corefile.lsp import actions, completion, formatting, hover, symbols
from corefile.lsp.analysis import Analysis, ConfigFinder, analyse
from corefile.lsp.diagnostics import OtherFiles, RuleLinks, diagnostics_for, to_diagnostic
from corefile.lsp.uris import uri_to_path

logger = logging.getLogger(__name__)

DEFAULT_DELAY_MS = 100


@attrs.frozen
class _Unreadable:
    """A request whose parameters do not fit its method: answered with an error, not dropped."""

    id: Any
    method: str
    error: JsonRpcException


class _Protocol(LanguageServerProtocol):
    """pygls drops a request it cannot read (the client then waits forever); answer it instead."""

    def structure_message(self, data: dict[str, Any]):
        try:
            return super().structure_message(data)
        except JsonRpcException as error:
            if isinstance(data, dict) and "id" in data and isinstance(data.get("method"), str):
                return _Unreadable(data["id"], data["method"], error)
            raise

    def handle_message(self, message) -> None:
        if isinstance(message, _Unreadable):
            problem = JsonRpcInvalidParams(f"invalid parameters for {message.method}")
            self._send_response(message.id, error=problem.to_response_error())
            return
        super().handle_message(message)


class CorefileServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__(
            "corefile",
            __version__,
            text_document_sync_kind=types.TextDocumentSyncKind.Full,
            protocol_cls=_Protocol,
        )
        self.configs = ConfigFinder()
        self.links = RuleLinks()
        self.indent = formatting.DEFAULT_INDENT
        self.delay = DEFAULT_DELAY_MS / 1000
        self._analyses: dict[str, Analysis] = {}
        self._due: dict[str, asyncio.TimerHandle] = {}
        self._last_run: dict[str, float] = {}

    # -- settings ----------------------------------------------------------------------------------
    def apply_settings(self, settings: Any) -> None:
        if not isinstance(settings, dict):
            return
        indent = settings.get("indent")
        if isinstance(indent, int) and 1 <= indent <= 16:
            self.indent = indent
        delay = settings.get("diagnosticsDelay")
        if isinstance(delay, (int, float)) and 0 <= delay <= 10_000:
            self.delay = delay / 1000
        url = settings.get("rulesUrl")
        if isinstance(url, str) and url:
            self.links = RuleLinks(template=url)

    # -- analyses ----------------------------------------------------------------------------------
    @property
    def encoding(self) -> str:
        encoding = self.workspace.position_encoding or types.PositionEncodingKind.Utf16
        return getattr(encoding, "value", encoding)

    def analysis(self, uri: str) -> Analysis:
        """The analysis of the document's current text (raises InvalidParams if it is not open)."""
        document = self.workspace.text_documents.get(uri)
        if document is None:
            raise JsonRpcInvalidParams(f"document not open: {uri}")
        text = document.source
        cached = self._analyses.get(uri)
        if cached is not None and cached.version == document.version and cached.text == text:
            return cached
        result = analyse(
            uri,
            document.version,
            text,
            path=uri_to_path(uri),
            language_id=document.language_id,
            configs=self.configs,
            encoding=self.encoding,
        )
        self._analyses[uri] = result
        return result

    def open_texts(self) -> dict[str, str]:
        texts = {}
        for uri, document in self.workspace.text_documents.items():
            path = uri_to_path(uri)
            if path is not None:
                texts[path] = document.source
        return texts

    def diagnostic_maker(self, analysis: Analysis):
        others = OtherFiles(self.open_texts(), analysis.index.encoding)
        return lambda finding: to_diagnostic(finding, analysis, self.links, others)

    # -- diagnostics -------------------------------------------------------------------------------
    def publish(self, uri: str) -> None:
        self._due.pop(uri, None)
        if uri not in self.workspace.text_documents:
            return
        analysis = self.analysis(uri)
        found = diagnostics_for(analysis, self.links, self.open_texts())
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=uri, diagnostics=found, version=analysis.version)
        )
        self._last_run[uri] = asyncio.get_running_loop().time()

    def schedule(self, uri: str) -> None:
        if uri in self._due:
            return  # a run is already due; it reads the newest text
        loop = asyncio.get_running_loop()
        wait = self._last_run.get(uri, float("-inf")) + self.delay - loop.time()
        if wait <= 0:
            self.publish(uri)
        else:
            self._due[uri] = loop.call_later(wait, self.publish, uri)

    def forget(self, uri: str) -> None:
        due = self._due.pop(uri, None)
        if due is not None:
            due.cancel()
        self._analyses.pop(uri, None)
        self._last_run.pop(uri, None)
        self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))

    # -- client capabilities -------------------------------------------------------------------
    def snippet_support(self) -> bool:
        try:
            return bool(self.client_capabilities.text_document.completion.completion_item.snippet_support)
        except AttributeError:
            return False

    def resolves_edits(self) -> bool:
        try:
            support = self.client_capabilities.text_document.code_action.resolve_support
        except AttributeError:
            return False
        return support is not None and "edit" in support.properties


def _format_or_log(ls: CorefileServer, run):
    try:
        return run()
    except formatting.CannotFormat as error:
        ls.window_log_message(types.LogMessageParams(type=types.MessageType.Warning, message=f"not formatted: {error}"))
        return None


def build_server() -> CorefileServer:
    """A server with every feature registered (one per process; tests may build several)."""
    server = CorefileServer()

    @server.feature(types.INITIALIZE)
    def _initialize(ls: CorefileServer, params: types.InitializeParams) -> None:
        ls.apply_settings(params.initialization_options)
        root = params.root_uri or (params.workspace_folders[0].uri if params.workspace_folders else None)
        if root:
            ls.configs.fallback_folder = uri_to_path(root)

    @server.feature(types.WORKSPACE_DID_CHANGE_CONFIGURATION)
    def _configuration(ls: CorefileServer, params: types.DidChangeConfigurationParams) -> None:
        settings = params.settings
        if isinstance(settings, dict) and isinstance(settings.get("corefile"), dict):
            ls.apply_settings(settings["corefile"])
        for uri in list(ls.workspace.text_documents):
            ls.publish(uri)

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def _did_open(ls: CorefileServer, params: types.DidOpenTextDocumentParams) -> None:
        ls.publish(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def _did_change(ls: CorefileServer, params: types.DidChangeTextDocumentParams) -> None:
        ls.schedule(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def _did_close(ls: CorefileServer, params: types.DidCloseTextDocumentParams) -> None:
        ls.forget(params.text_document.uri)

    @server.feature(
        types.TEXT_DOCUMENT_CODE_ACTION,
        types.CodeActionOptions(
            code_action_kinds=[types.CodeActionKind.QuickFix, actions.FIX_ALL_KIND],
            resolve_provider=True,
        ),
    )
    def _code_action(ls: CorefileServer, params: types.CodeActionParams) -> list[types.CodeAction]:
        analysis = ls.analysis(params.text_document.uri)
        start = analysis.index.offset(params.range.start)
        end = analysis.index.offset(params.range.end)
        only = [getattr(kind, "value", kind) for kind in params.context.only] if params.context.only else None
        return actions.code_actions(
            analysis, start, end, only, ls.diagnostic_maker(analysis), resolve_fix_all=ls.resolves_edits()
        )

    @server.feature(types.CODE_ACTION_RESOLVE)
    def _code_action_resolve(ls: CorefileServer, action: types.CodeAction) -> types.CodeAction:
        data = action.data
        if not isinstance(data, dict) or not isinstance(data.get("uri"), str):
            raise JsonRpcInvalidParams("not a code action of this server")
        action.edit = actions.fix_all_edit(ls.analysis(data["uri"]))
        return action

    @server.feature(types.TEXT_DOCUMENT_FORMATTING)
    def _formatting(ls: CorefileServer, params: types.DocumentFormattingParams):
        analysis = ls.analysis(params.text_document.uri)
        return _format_or_log(ls, lambda: formatting.format_document(analysis, ls.indent))

    @server.feature(types.TEXT_DOCUMENT_RANGE_FORMATTING)
    def _range_formatting(ls: CorefileServer, params: types.DocumentRangeFormattingParams):
        analysis = ls.analysis(params.text_document.uri)
        start = analysis.index.offset(params.range.start)
        end = analysis.index.offset(params.range.end)
        return _format_or_log(ls, lambda: formatting.format_range(analysis, start, end, ls.indent))

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    def _hover(ls: CorefileServer, params: types.HoverParams):
        analysis = ls.analysis(params.text_document.uri)
        return hover.hover(analysis, analysis.index.offset(params.position))

    @server.feature(types.TEXT_DOCUMENT_COMPLETION)
    def _completion(ls: CorefileServer, params: types.CompletionParams):
        analysis = ls.analysis(params.text_document.uri)
        return completion.completions(analysis, analysis.index.offset(params.position), ls.snippet_support())

    @server.feature(types.TEXT_DOCUMENT_DOCUMENT_SYMBOL)
    def _symbols(ls: CorefileServer, params: types.DocumentSymbolParams):
        return symbols.document_symbols(ls.analysis(params.text_document.uri))

    @server.feature(types.TEXT_DOCUMENT_DEFINITION)
    def _definition(ls: CorefileServer, params: types.DefinitionParams):
        analysis = ls.analysis(params.text_document.uri)
        return symbols.definition(analysis, analysis.index.offset(params.position))

    return server


def serve() -> None:
    """Speak LSP on standard input and output until the client says exit."""
    build_server().start_io()
