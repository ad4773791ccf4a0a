#!/usr/bin/env python3
"""Runs every PKITS case through `senimkey cert verify` as a forensic expert would (all CRLs given, validation at
2011-04-15, the case's initial policy inputs) and counts the verdicts that agree with PKITS.pdf (exit 0 for a
valid path, anything else for an invalid one). Usage: run-cli.py PATH/TO/senimkey [extra cert-verify options]."""
import json, os, subprocess, sys

here = os.path.dirname(os.path.abspath(__file__))
binary, extra = sys.argv[1], sys.argv[2:]
manifest = json.load(open(os.path.join(here, 'pkits.json')))
agree, disagreements = 0, []
for case in manifest['cases']:
    certs = [os.path.join(here, 'certs', name + '.crt') for name in case['certificates']]
    args = [binary, 'cert', 'verify', certs[-1], '--trust', certs[0], '--at', manifest['validation_time']]
    for path in certs[1:-1]: args += ['--intermediate', path]
    for name in case['crls']: args += ['--crl', os.path.join(here, 'crls', name + '.crl')]
    for name in case['initial_policy_set']:
        if name != 'anyPolicy': args += ['--initial-policy', manifest['policies'][name]]
    if case['initial_explicit_policy']: args.append('--require-explicit-policy')
    if case['initial_policy_mapping_inhibit']: args.append('--inhibit-policy-mapping')
    if case['initial_inhibit_any_policy']: args.append('--inhibit-any-policy')
    result = subprocess.run(args + extra, capture_output=True, text=True)
    if (result.returncode == 0) == case['should_validate']:
        agree += 1
    else:
        disagreements.append(f"{case['id']}#{case['variant']} {case['name']}: exit {result.returncode} {result.stdout.splitlines()[:1]}")
print(f"PKITS through cert verify: {agree}/{len(manifest['cases'])} agree")
for line in disagreements: print('  ' + line)
