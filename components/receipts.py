"""The customer's consent receipt as a PDF download, from whichever screen offers it."""

from nicegui import ui

from components.background import call
from components.localisation import t
from customer_pad.errors import NotFound, StorageUnavailable
from customer_pad.services.receipts import consent_receipt_pdf


async def download_receipt(signature_id: int) -> None:
    """Send the receipt of one signing to the browser; a notice when it cannot be made now."""
    try:
        filename, pdf = await call(consent_receipt_pdf, signature_id)
    except (NotFound, StorageUnavailable):
        ui.notify(t('common.read_failed'), type='negative')
        return
    ui.download.content(pdf, filename, 'application/pdf')
