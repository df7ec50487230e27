"""Evidence check for managers: recompute the signature and consent chains and name every altered record."""

from nicegui import ui

from components.background import call
from components.frame import frame
from components.localisation import t
from customer_pad.auth import SessionUser
from customer_pad.errors import StorageUnavailable
from customer_pad.evidence import EvidenceCheck, check_evidence
from pages.backoffice.nav import backoffice_nav

PATH = '/backoffice/evidence'


async def evidence_page(user: SessionUser) -> None:
    async def run_check() -> None:
        run_button.disable()
        outcome.set_text('')
        try:
            checked = await call(check_evidence)  # reads every record: off the event loop
        except StorageUnavailable:
            outcome.set_text(t('common.read_failed'))
            return
        finally:
            run_button.enable()
        show(checked)

    def show(checked: EvidenceCheck) -> None:
        if not checked.problems:
            outcome.set_text(t('evidence.all_good', count=checked.records_checked))
            outcome.classes(replace='text-lg text-positive')
            problems_table.set_visibility(False)
            return
        outcome.set_text(t('evidence.problems', count=len(checked.problems)))
        outcome.classes(replace='text-lg cp-field-error')
        listed = checked.listed
        truncated.set_text(t('evidence.first_listed', shown=len(listed)) if len(listed) < len(checked.problems) else '')
        problems_table.rows = [{'key': f'{problem.table}-{problem.record_id}-{problem.reason}',
                                'record': t(f'evidence.table.{problem.table}'), 'number': problem.record_id,
                                'reason': t(f'evidence.reason.{problem.reason}')} for problem in listed]
        problems_table.set_visibility(True)

    async with frame(user, t('evidence.title')):
        backoffice_nav(user, PATH)
        with ui.card().classes('cp-card w-full p-6 gap-4'):
            ui.label(t('evidence.explained')).classes('text-gray-700')
            run_button = ui.button(t('evidence.run'), icon='verified', on_click=run_check) \
                .props('unelevated no-caps').mark('evidence-run')
            outcome = ui.label('').classes('text-lg').mark('evidence-outcome')
            truncated = ui.label('').classes('text-sm text-gray-600').mark('evidence-truncated')
        columns = [
            {'name': 'record', 'label': t('evidence.column.record'), 'field': 'record', 'align': 'left'},
            {'name': 'number', 'label': t('evidence.column.number'), 'field': 'number', 'align': 'right'},
            {'name': 'reason', 'label': t('evidence.column.reason'), 'field': 'reason', 'align': 'left'},
        ]
        problems_table = ui.table(columns=columns, rows=[], row_key='key').props('flat bordered dense') \
            .classes('w-full cp-card').mark('evidence-problems')
        problems_table.set_visibility(False)
