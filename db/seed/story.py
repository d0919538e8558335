"""The demo's fictional story: offices, demo logins, names, session notes, plans and how far families get."""

from __future__ import annotations

HISTORY_DAYS = 730  # the 24 months before today

# The demo administrator's second factor (administrators must have one). Public like the demo
# passwords: add it to an authenticator app, or print the current code with
# `python -m db.seed --demo-code`. Never on a real account.
DEMO_ADMIN_TOTP_SECRET = "CAMINODEMOADMINXCAMINODEMOADMINX"
# Demo accounts: obviously demo usernames and passwords, printed at the end of a seed.
DEMO_ACCOUNTS = (
    ("demo_admin", "Admin Demo", "admin", "north", "demo-admin-password"),
    ("demo_lead", "Lucía Líder (demo)", "lead", "north", "demo-lead-password"),
    ("consejera1", "Consejera Uno (demo)", "counselor", "north", "demo-password-1"),
    ("consejera2", "Consejera Dos (demo)", "counselor", "north", "demo-password-2"),
    ("consejera3", "Consejera Tres (demo)", "counselor", "north", "demo-password-3"),
    ("consejera4", "Consejera Cuatro (demo)", "counselor", "south", "demo-password-4"),
    ("consejera5", "Consejera Cinco (demo)", "counselor", "south", "demo-password-5"),
    ("demo_trainer", "Tomás Talleres (demo)", "trainer", "north", "demo-trainer-password"),
)
OFFICES = {
    "north": ("Oficina DC y Maryland (demo)", "demo-north", ("dc", "montgomery_md", "prince_georges_md")),
    "south": ("Oficina Virginia (demo)", "demo-south", ("arlington_va", "fairfax_va", "alexandria_va")),
}
# Printed under "Address and phone" on every plan (fictional street numbers).
OFFICE_ADDRESSES = {
    "north": "3000 14th St NW, Washington, DC 20009",
    "south": "2000 Columbia Pike, Arlington, VA 22204",
}
AREA_CODES = {
    "dc": "202",
    "montgomery_md": "301",
    "prince_georges_md": "240",
    "arlington_va": "703",
    "fairfax_va": "571",
    "alexandria_va": "703",
}
FIRST = (
    "María", "José", "Ana", "Carlos", "Rosa", "Luis", "Carmen", "Jorge", "Marta", "Pedro", "Lucía",
    "Juan", "Gloria", "Miguel", "Sofía", "Óscar", "Reina", "Santos", "Yesenia", "Wilfredo", "Dolores",
    "Nelson", "Xiomara", "Héctor", "Iris", "Edwin", "Blanca", "René", "Patricia", "Julio",
)  # fmt: skip
LAST = (
    "Hernández", "Martínez", "López", "García", "Rodríguez", "Pérez", "Flores", "Ramírez", "Cruz",
    "Reyes", "Morales", "Ortiz", "Guzmán", "Chávez", "Portillo", "Escobar", "Alvarado", "Mejía",
    "Quintanilla", "Argueta", "Batres", "Villatoro", "Núñez", "Zelaya", "Ayala", "Peña",
)  # fmt: skip
# A household's HUD purpose follows its story: only owners get post-purchase or delinquency
# counseling, homeless assistance goes to families without a home, the rest buy or rent.
PURPOSES_BY_HOUSING = {
    "renter": {"prepurchase": 64, "rental": 33, "": 3},
    "living_with_family": {"prepurchase": 60, "rental": 37, "": 3},
    "owner": {"post_purchase": 50, "forward_delinquency": 50},
    "homeless": {"homeless": 75, "rental": 25},
}
_FOLLOW_UP = "Llamada de seguimiento; todo va bien / Follow-up call; on track."
_BUDGET = "Revisamos el presupuesto mensual / Reviewed the monthly budget."
# What a session of each purpose was about (the demo's notes match the purpose coded on it).
SESSION_NOTES = {
    "prepurchase": (
        _BUDGET,
        "Leímos juntos el reporte de crédito / Read the credit report together.",
        "Hablamos de la asistencia para el pago inicial / Talked about down-payment assistance.",
        "Plan de ahorro: $150 cada quincena / Savings plan: $150 every payday.",
        _FOLLOW_UP,
        "Preparamos documentos para el prestamista / Prepared documents for the lender.",
        "Carta de precalificación recibida / Pre-qualification letter received.",
    ),
    "rental": (
        _BUDGET,
        "Dudas sobre el contrato de alquiler / Questions about the lease.",
        "Revisamos el aviso de aumento de renta / Reviewed the rent increase notice.",
        "Plan para pagar la renta atrasada / Plan to pay the back rent.",
        _FOLLOW_UP,
    ),
    "homeless": (
        "Referido a un albergue familiar / Referred to a family shelter.",
        "Buscamos vivienda de transición / Looked for transitional housing.",
        _FOLLOW_UP,
    ),
    "post_purchase": (
        "Revisamos el impuesto a la propiedad y el seguro / Reviewed property tax and insurance.",
        "Plan para reparaciones de la casa / Plan for home repairs.",
        _FOLLOW_UP,
    ),
    "forward_delinquency": (
        "Llamamos juntos al administrador del préstamo / Called the loan servicer together.",
        "Preparamos la solicitud de modificación / Prepared the loan modification request.",
        _FOLLOW_UP,
    ),
}
GOALS = (
    "Comprar una casa en los próximos 2 años / Buy a home within 2 years",
    "Subir el puntaje de crédito a 640 / Raise the credit score to 640",
    "Ahorrar un fondo de emergencia de $1,000 / Save a $1,000 emergency fund",
    "Mantener la vivienda y evitar el desalojo / Keep the home and avoid eviction",
)
STEPS = (
    ("Pedir el reporte de crédito gratis / Request the free credit report", "client"),
    ("Abrir una cuenta de ahorro / Open a savings account", "client"),
    ("Juntar talones de pago y W-2 / Gather pay stubs and W-2s", "client"),
    ("Enviar lista de prestamistas ITIN / Send list of ITIN lenders", "counselor"),
    ("Revisar programas de asistencia / Check assistance programs", "counselor"),
    ("Inscribirse al taller de compradores / Sign up for the homebuyer class", "client"),
    ("Pagar a tiempo la tarjeta / Pay the card on time", "client"),
)
REFERRAL_AGENCIES = (
    ("Clínica Legal Comunitaria (demo)", "Aviso del propietario / Notice from landlord"),
    ("Cooperativa de Crédito Vecinal (demo)", "Cuenta de ahorro y préstamo de crédito / Savings account"),
    ("Programa de Asistencia para Alquiler (demo)", "Renta atrasada / Back rent"),
    ("Círculo de Préstamo Familiar (demo)", "Construir crédito / Build credit"),
)
# How far along a homebuyer household gets, as (milestones reached in order) with weights.
PURCHASE_PATH = (
    "budget_completed",
    "credit_report_reviewed",
    "emergency_fund",
    "credit_score_at_target",
    "down_payment_saved",
    "education_certificate",
    "pre_approval",
    "dpa_approved",
    "under_contract",
    "purchased",
)
PURCHASE_DEPTH_WEIGHTS = (8, 14, 12, 10, 9, 9, 10, 8, 6, 5, 9)  # index = how many path milestones
ASSET_PATH = ("bank_account_opened", "lending_circle_joined", "lending_circle_completed", "debt_reduced")
