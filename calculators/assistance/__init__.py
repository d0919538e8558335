"""Down-payment assistance: which DC-metro programs a household can use, how much, and how they stack.

`screen` returns one entry for every program so a counselor sees why each one is out; `stack`
applies each program's "combines with" rule; `hints` says which changes would open more programs.
Program figures live in `calculators/rules/assistance/*.toml`; a figure that is not known is left
out and the entry says so with a reason code (the UI then says "verify with the program").
Modules: inputs (the household and purchase checked), eligibility (each program's rules and reason
codes), amounts (how much and on what terms), screen (`screen`, `hints`), stacking (`stack`), and
affordability (the highest price with and without the assistance).
"""
