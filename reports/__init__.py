"""Printed and exported documents: action plans, handouts, certificates, HUD-9902 and caseload exports."""
