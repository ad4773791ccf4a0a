#!/usr/bin/env python3
"""Writes pkits.json, the PKITS test manifest, from the test descriptions of PKITS.pdf as transcribed in
google/boringssl pki/testdata/nist-pkits/pkits_testcases-inl.h (pass its path as the only argument).

Each case: id (PKITS section number, with a variant suffix when PKITS lists several settings), name, the
certificates (trust anchor first, end entity last), the CRLs, the §6.1.1 inputs and the expected outcome.
"""
import json, re, sys

source = open(sys.argv[1]).read()
blocks = re.findall(r'// (4\.[0-9.]+) ([^\n]+)\nWRAPPED_TYPED_TEST_P\([^,]+,\s*(\w+)\) \{(.*?)\n\}', source, re.S)
cases, seen = [], {}
for number, title, test_name, body in blocks:
    def strings(field):
        m = re.search(field + r'\[\] = \{(.*?)\};', body, re.S)
        return re.findall(r'"([^"]+)"', m.group(1)) if m else []
    def call(name, default):
        m = re.search(r'info\.' + name + r'\((.*?)\);', body)
        if not m: return default
        value = m.group(1).strip()
        if value in ('true', 'false'): return value == 'true'
        return [p for p in value.strip('"').split(',') if p]
    seen[number] = seen.get(number, 0) + 1
    cases.append({
        "id": number, "variant": seen[number], "name": title.strip(), "test": test_name,
        "certificates": strings('certs'), "crls": strings('crls'),
        "initial_policy_set": call('SetInitialPolicySet', ['anyPolicy']),
        "initial_explicit_policy": call('SetInitialExplicitPolicy', False),
        "initial_policy_mapping_inhibit": call('SetInitialPolicyMappingInhibit', False),
        "initial_inhibit_any_policy": call('SetInitialInhibitAnyPolicy', False),
        "user_constrained_policy_set": call('SetUserConstrainedPolicySet', ['NIST-test-policy-1']),
        "should_validate": re.search(r'should_validate = (true|false)', body).group(1) == 'true',
    })
json.dump({"validation_time": "2011-04-15T00:00:00Z",
           "policies": {"anyPolicy": "2.5.29.32.0", "NIST-test-policy-1": "2.16.840.1.101.3.2.1.48.1",
                        "NIST-test-policy-2": "2.16.840.1.101.3.2.1.48.2", "NIST-test-policy-3": "2.16.840.1.101.3.2.1.48.3",
                        "NIST-test-policy-6": "2.16.840.1.101.3.2.1.48.6"},
           "cases": cases}, open('pkits.json', 'w'), indent=1)
print(len(cases), "cases,", sum(c["should_validate"] for c in cases), "valid")
