"""Back office for legal texts (managers): per purpose and language the current version and every earlier one,
read-only; **Nouvelle version** publishes an edited copy; a preview shows a text as the customer sees it."""

from typing import Any

from nicegui import ui

from components.background import call
from components.consent_block import legal_text_body
from components.frame import frame
from components.localisation import message_text, t
from customer_pad.auth import SessionUser
from customer_pad.dates import format_datetime
from customer_pad.errors import AccessDenied, Conflict, StorageUnavailable, ValidationFailed
from customer_pad.i18n import LANGUAGE_NAMES, LANGUAGES, REFERENCE_LANGUAGE, translate
from customer_pad.services.consents import PURPOSES, LegalTextView
from customer_pad.services.legal_text_admin import (
    BODY_MAX_LENGTH,
    TITLE_MAX_LENGTH,
    LegalTextVersion,
    legal_text_versions,
    publish_legal_text,
)
from pages.backoffice.nav import backoffice_nav

PATH = '/backoffice/legal-texts'


def _as_shown(text: LegalTextVersion) -> LegalTextView:
    return LegalTextView(id=text.id, purpose=text.purpose, language=text.language, version=text.version,
                         title=text.title, body=text.body, sha256=text.sha256)


def _meta(text: LegalTextVersion) -> str:
    return t('admin.legal.meta', version=text.version, date=format_datetime(text.created_at),
             count=text.consent_count)


def show_preview(text: LegalTextView) -> None:
    """A text as the customer reads it on the tablet, in the text's own language (the boxes do nothing here)."""
    language = text.language
    with ui.dialog() as dialog, ui.card().classes('p-6 gap-3 w-[44rem] max-w-full').mark('legal-preview'):
        ui.label(t('admin.legal.preview_title')).classes('text-xs uppercase tracking-wider text-gray-500')
        with ui.column().classes('w-full gap-2 cp-consent'):
            if text.purpose == 'legal':
                with ui.expansion(f'{text.title} …', icon='gavel', value=True).classes('w-full cp-card'):
                    legal_text_body(text)
                    ui.label(translate('consent.version', language, version=text.version, hash=text.sha256[:12])) \
                        .classes('text-xs text-gray-500')
                ui.checkbox(f'{translate("consent.agree", language)}*')
            elif text.purpose == 'marketing':
                ui.label(text.title).classes('pt-2')
                if text.body:
                    ui.label(text.body).classes('text-sm text-gray-600 whitespace-pre-line')
                ui.checkbox(translate('consent.agree', language))
            else:
                ui.label(text.title).classes('text-lg font-semibold pb-2')
                with ui.column().classes('gap-0 cp-acknowledgement'):
                    legal_text_body(text)
                ui.label(translate('consent.version', language, version=text.version, hash=text.sha256[:12])) \
                    .classes('text-xs text-gray-500')
                ui.checkbox(f'{translate("wishlist.acknowledged", language)}*').classes('pt-2 text-base')
        with ui.row().classes('w-full justify-end'):
            ui.button(t('admin.close'), on_click=dialog.close).props('flat no-caps').mark('preview-close')
    dialog.open()


async def legal_texts_page(user: SessionUser) -> None:
    """Pick a purpose and a language; read the versions; publish the next one."""
    state: dict[str, str] = {'purpose': PURPOSES[0], 'language': REFERENCE_LANGUAGE}

    async def show() -> None:
        page_error.set_text('')
        try:
            versions = await call(legal_text_versions, state['purpose'], state['language'], acting_role=user.role)
            fallback = [] if versions else await call(legal_text_versions, state['purpose'], REFERENCE_LANGUAGE,
                                                      acting_role=user.role)
        except (StorageUnavailable, AccessDenied, ValidationFailed):
            page_error.set_text(t('common.read_failed'))
            return
        container.clear()
        with container:
            _versions(versions, fallback, editor)

    def choose(name: str, value: str) -> Any:
        state[name] = value
        return show()

    async with frame(user, t('admin.legal.title')):
        backoffice_nav(user, PATH)
        ui.label(t('admin.legal.hint')).classes('text-sm text-gray-600')
        with ui.row().classes('w-full items-center gap-3'):
            ui.toggle({purpose: t(f'receipt.purpose.{purpose}') for purpose in PURPOSES}, value=state['purpose'],
                      on_change=lambda event: choose('purpose', event.value)).props('no-caps unelevated') \
                .mark('legal-purpose')
            ui.toggle({language: LANGUAGE_NAMES[language] for language in LANGUAGES}, value=state['language'],
                      on_change=lambda event: choose('language', event.value)).props('no-caps unelevated') \
                .mark('legal-language')
        page_error = ui.label('').classes('cp-field-error').mark('legal-error')
        container = ui.column().classes('w-full gap-3').mark('legal-versions')
    editor = _LegalTextEditor(user, state, show)
    await show()


def _text_card(text: LegalTextVersion) -> None:
    ui.label(_meta(text)).classes('text-sm text-gray-600').mark(f'legal-meta-{text.version}')
    ui.label(f'SHA-256 {text.sha256}').classes('text-xs text-gray-500 font-mono break-all')
    with ui.scroll_area().classes('w-full max-h-80 border border-stone-200 rounded bg-stone-50'):
        ui.label(text.title).classes('font-semibold pb-1')
        legal_text_body(_as_shown(text))


def _versions(versions: list[LegalTextVersion], fallback: list[LegalTextVersion],
              editor: '_LegalTextEditor') -> None:
    if not versions:
        with ui.card().classes('cp-card w-full p-5 gap-2'):
            ui.label(t('admin.legal.none_in_language')).mark('legal-none')
            if fallback:
                ui.button(t('admin.legal.new_version'), icon='post_add',
                          on_click=lambda: editor.open_from(fallback[0], None)) \
                    .props('unelevated no-caps').mark('legal-new-version')
        return
    current, *earlier = versions
    with ui.card().classes('cp-card w-full p-5 gap-2').mark('legal-current'):
        with ui.row().classes('w-full items-center gap-2'):
            ui.label(t('admin.legal.current', version=current.version)).classes('text-lg font-semibold grow') \
                .mark('legal-current-version')
            ui.button(t('admin.legal.preview'), icon='visibility', on_click=lambda: show_preview(_as_shown(current))) \
                .props('outline no-caps').mark('legal-preview-current')
            ui.button(t('admin.legal.new_version'), icon='post_add',
                      on_click=lambda: editor.open_from(current, current.version)) \
                .props('unelevated no-caps').mark('legal-new-version')
        _text_card(current)
    if earlier:
        ui.label(t('admin.legal.earlier')).classes('text-xs uppercase tracking-wider text-gray-500 font-semibold')
    for text in earlier:
        with ui.expansion(t('admin.legal.version', version=text.version)).classes('w-full cp-card') \
                .mark(f'legal-version-{text.version}'):
            _text_card(text)
            ui.button(t('admin.legal.preview'), icon='visibility',
                      on_click=lambda text=text: show_preview(_as_shown(text))).props('flat no-caps')


class _LegalTextEditor:
    """The copy being edited into the next version; the refused publication keeps it and says why."""

    def __init__(self, user: SessionUser, state: dict[str, str], on_published: Any) -> None:
        self.user = user
        self.state = state
        self.on_published = on_published
        self.based_on: int | None = None
        with ui.dialog() as self.dialog, ui.card().classes('w-[56rem] max-w-full p-6 gap-3'):
            self.heading = ui.label('').classes('text-lg font-semibold')
            ui.label(t('admin.legal.new_version_hint')).classes('text-sm text-gray-600')
            self.title = ui.input(f'{t("admin.legal.text_title")}*').props(f'outlined maxlength={TITLE_MAX_LENGTH}') \
                .classes('w-full').mark('legal-title').without_auto_validation()
            self.body = ui.textarea(f'{t("admin.legal.text_body")}*') \
                .props(f'outlined rows=14 maxlength={BODY_MAX_LENGTH}').classes('w-full') \
                .mark('legal-body').without_auto_validation()
            self.error = ui.label('').classes('cp-field-error').mark('legal-publish-error')
            with ui.row().classes('w-full justify-end gap-2'):
                ui.button(t('admin.cancel'), on_click=self.dialog.close).props('flat no-caps')
                ui.button(t('admin.legal.preview'), icon='visibility', on_click=self.preview) \
                    .props('outline no-caps').mark('legal-preview-draft')
                self.publish_button = ui.button('', on_click=self.publish).props('unelevated no-caps') \
                    .mark('legal-publish')

    def open_from(self, text: LegalTextVersion, based_on: int | None) -> None:
        self.based_on = based_on
        next_version = (based_on or 0) + 1
        self.heading.set_text(t('admin.legal.editor_title', version=next_version,
                                purpose=t(f'receipt.purpose.{self.state["purpose"]}'),
                                lang=LANGUAGE_NAMES[self.state['language']]))
        self.publish_button.set_text(t('admin.legal.publish', version=next_version))
        self.title.value, self.body.value = text.title, text.body
        self.title.error = self.body.error = None
        self.error.set_text('')
        self.dialog.open()

    def preview(self) -> None:
        show_preview(LegalTextView(id=0, purpose=self.state['purpose'], language=self.state['language'],
                                   version=(self.based_on or 0) + 1, title=self.title.value or '',
                                   body=self.body.value or '', sha256='–' * 12))

    async def publish(self) -> None:
        self.title.error = self.body.error = None
        self.error.set_text('')
        try:
            await call(publish_legal_text, self.state['purpose'], self.state['language'], self.title.value or '',
                       self.body.value or '', self.based_on, acting_role=self.user.role)
        except ValidationFailed as failure:
            for name, message in failure.errors.items():
                target = {'title': self.title, 'body': self.body}.get(name)
                if target is not None:
                    target.error = message_text(message)
                else:
                    self.error.set_text(message_text(message))
            return
        except Conflict:
            self.error.set_text(t('admin.legal.conflict'))
            await self.on_published()  # the list behind shows the version published meanwhile
            return
        except (StorageUnavailable, AccessDenied):
            self.error.set_text(t('common.save_failed'))
            return
        self.dialog.close()
        ui.notify(t('admin.legal.published'), type='positive')
        await self.on_published()
