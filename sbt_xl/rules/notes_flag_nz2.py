"""Hand-written part of docs/criteria.md: the evidence for the FLAG rules and for ``nz2``
(what was read, where, how certain, what could not be confirmed). The reference page
(:mod:`sbt_xl.rules.reference`) prints it after the generated tables."""

NOTES = """
## FLAG targets (`FLAG-AMBITION`, `FLAG-COVERAGE`)

A row of the Targets sheet with *FLAG target: yes* (column O, template layout 2 and later)
is judged by the FLAG rules, and no longer by the energy and industry ambition rules
(`AMBITION-S12`, `INTENSITY-S12`, `S3-AMBITION-*`, `REC-1.5C`, `AMBITION-CLAIM`): before,
a near-term FLAG target of 30.3 % by 2030 failed 4.2 %/yr on scope 1, and a long-term FLAG
target of 72 % failed the Net-Zero Standard's 90 %.

- **Near-term: the FLAG sector pathway (absolute), 3.03 %/yr from 2020**, i.e. 30.3 % from
  2020 to 2030. A base year after 2020 is measured from 2020, as `S3-AMBITION-ABS` does
  (parameter `anchor`), and the SBTi's whole-percent practice applies (30 % FY2020→FY2030
  is published). Evidence: the SBTi's export of companies taking action (entries to
  2025-06-19, see `tests/data/SOURCES.md`) holds 231 near-term absolute FLAG targets
  (`tests/data/sbti_flag_targets.csv`); 225 reach the pathway read this way, e.g. 30.3 %
  2020→2030 and also 2021→2030 and 2022→2030, 33.3 % 2019→2030 (Asahi Group Holdings),
  36.4 % 2022→2032, 42.4 % 2022→2034. The six that do not are AMAGGI (17 % 2022→2032),
  McDonald's (16 % 2018→2030), Primient (26 % 2019→2030) and Tate & Lyle (23 %
  2019→2028), whose soy, beef and maize supply chains point to FLAG commodity pathways,
  and Kalsec (36.4 % 2022→2033) and Valeo Foods (30.3 % 2022→2031), one year short of the
  pathway as counted here (unexplained). A test keeps exactly these six.
- **Long-term: at least 72 % by 2050 at the latest.** The SBTi's FLAG page: companies
  "will reduce at least 72% of emissions by no later than 2050". The export holds 133
  long-term absolute FLAG targets: all reduce 72 % or more, 119 read exactly 72 % (87 by
  2050, others by 2040–2049, e.g. Nissin Foods Holdings 72 % 2020→2050, Asahi Group
  Holdings 72 % 2019→2040) and 123 are below 90 %, so the 90 % rule failed them; a test
  checks that every one of them passes now.
- **Coverage: 95 % of scope 1 (and 2) FLAG emissions, 67 % of scope 3 FLAG emissions**,
  from the team's reading of the FLAG Guidance; the SBTi text itself could not be read
  here (medium certainty). The template has one coverage figure per row and one FLAG
  emissions figure per year, so `FLAG-COVERAGE` checks the share each row states: 95 % for
  a scope 1 or 2 row, 67 % for a row that includes scope 3. It is not applied to long-term
  rows (not confirmed).
- **Other rules on FLAG rows.** `ALREADY-MET` and `COVERED-EMISSIONS` skip them (they
  compare with the scope's emissions, and FLAG emissions are a part of those, not split by
  scope). A FLAG row that includes scope 3 still counts for `S3-TRIGGER` and
  `S3-COVERAGE`, and the Progress sheet still draws its pathway from the scope's
  emissions.
- **Not checked.** FLAG commodity pathways: their numbers are in the SBTi's FLAG tool, not
  in public text we could read, so intensity FLAG targets get no ambition finding either
  way. The no-deforestation commitment: by 2025 in V1.1; in V1.2 (March 2026) no later
  than two years after the FLAG target's submission and by 2030-12-31 at the latest, with
  a cut-off date of 2020 recommended (Pinion's summary of V1.2; the SBTi text was not
  read). The pathway numbers above are V1.1's and the approvals to mid-2025; no summary
  of V1.2 reports a change to them.
- **What the template would need** (the layout is not changed here): a per-row choice of
  FLAG pathway (sector, or which commodity), a no-deforestation commitment date, FLAG
  emissions split by scope in the inventory, and a scope choice "1+3" (published FLAG
  targets read "scope 1 and 3"; today such a row is entered as 1+2+3 and held to 67 %).

## Corporate Net-Zero Standard V2.0 (`nz2`, `nz2-lt`)

Published 2026-06-11 (SBTi news release "The SBTi releases Corporate Net-Zero Standard
V2.0"), in force for submissions from 2027-02-01; V1 stays open for submissions until the
end of 2027 (consultancy readings: 3Degrees, Terracorp, ClimeCo, South Pole, all
June 2026). Until 2027-02-01 submissions are judged under `nz1`; `--criteria nz2` is there
for companies preparing. It checks the near-term rows against `nz2` and the long-term rows
against its long-term part `nz2-lt`, in the same run. Rules read only in the consultation
drafts or in others' summaries of the final text are warnings; rules whose V2.0 figure
could not be read keep their `v5` / `nz1` figure, and their source below says "not
confirmed in the V2.0 text".

| rule | what V2.0 asks | read in | certainty |
|---|---|---|---|
| `NZ2-TARGETS` | near-term (5-year) targets: scope 1 and scope 2 for all companies, scope 3 for Category A | V2.0 executive summary, Table 1 (standards.sciencebasedtargets.org) | high; the template has no Category A/B, so an SME is warned, not failed |
| `NZ2-SEPARATE-SCOPES` | separate scope 1, scope 2 and scope 3 targets (no 1+2 or 1+2+3 rows) | SBTi blog on the draft (2025-03-18); second consultation draft, 3.1 (CNZS-C10: separation of scopes, separation of FLAG targets); readings of the final (3Degrees: scopes 1 and 2 can no longer be aggregated) | high; the final criterion number not read |
| `NZ2-S2-LOCATION` | scope 2 emissions targets anchored to location-based scope 2 (or a low-carbon electricity alignment target instead) | SBTi blog "Understanding Scope 2 in the Updated Corporate Net-Zero Standard V2.0" (2026-06-11) | high |
| `TARGET-YEAR` (warning) | 5 years from submission, counted by half-year as C13 is (H1 2027 → 2031, H2 2027 → 2032) | Table 1 (5-year targets); "cover a period of 5 years from the date of submission" (V2.0 C9, as a third party quotes the SBTi's transition guide) | medium: the counting is ours |
| `NZ2-S3-RELEVANT` (warning) | every scope 3 category of 5 % or more of categories 1–14 in a scope 3 target, instead of the 40 % trigger and 67 % coverage | second consultation draft as summarised by others; the final "relevance" approach (Terracorp) | medium-low: the final threshold not read |
| `TARGET-YEAR` (nz2-lt) | long-term targets by 2050 at the latest | Table 1 | high |
| `NET-ZERO` (nz2-lt) | long-term targets optional for scope 2 and 3 (Table 1): all are needed only with a net-zero target, so long-term rows alone no longer require both | Table 1 | high |

**Could not be confirmed (not encoded, or kept from v5/nz1):** the scope 1, scope 2 and
scope 3 ambition of V2.0 (methods: linear contraction, alignment metrics, asset
decarbonisation plans; `AMBITION-S12` and `S3-AMBITION-ABS` keep 4.2 %/yr and 2.5 %/yr as
a floor); the low-carbon electricity shares (`RE-PROCUREMENT`'s 80 % / 100 % milestones
are not applied under nz2); base-year and recent-year rules; near-term coverage (95 % or
100 %); the residual levels of long-term targets (90 % kept); 100 % coverage of long-term
targets under a net-zero target (quoted by a third party, not encoded); the Category A/B
thresholds; the final criterion numbers (CNZS-C#); transition plans, assurance, board
approval, end-of-cycle assessment and ongoing emissions responsibility (no fields).
"""
