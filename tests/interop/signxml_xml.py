#!/usr/bin/env python3
"""signxml side of kyso's XML-DSig interop tests (run by tests/xml_interop.rs).

  signxml_xml.py verify FILE --location PATH --references N --ca ROOT --at RFC3339 [--stock]
      verify the one ds:Signature at PATH (signxml's `location`, e.g. ./DSCKS/NBan/) of FILE with
      signxml, the certificate chain from KeyInfo validated up to ROOT at the given time, exactly
      N References expected; prints a JSON line, exits 0 when verified, 1 when rejected.
      Without --stock, the SignedInfo is canonicalized detached from its document (see
      DetachedVerifier); --stock runs signxml unchanged.
  signxml_xml.py sign IN OUT KEY --cert FILE [--cert FILE]... --reference ID [--reference ID]...
                     [--algorithm rsa-sha256|ecdsa-sha256] [--pass-env ENV]
      enveloped signature (rsa-sha256 by default, sha256, C14N 1.0, the certificates in KeyInfo in
      the order given) over the elements with those Ids, in place of the
      `<ds:Signature Id="placeholder"/>` of IN.

Nothing here touches the network.
"""
import argparse
import json
import os
import sys
from datetime import datetime

from lxml import etree
from signxml import SignatureConfiguration, XMLSigner, XMLVerifier, methods
from signxml.algorithms import CanonicalizationMethod


class DetachedVerifier(XMLVerifier):
    """signxml verifying through a detached copy of each element it canonicalizes.

    lxml's C14N of an element whose default namespace is declared on an ancestor
    (`etree.tostring(e, method="c14n")`; seen with lxml 6.2.1/libxml2 2.14.6 and lxml 5.4/libxml2
    2.13.8) writes a spurious `xmlns=""` on every descendant two levels down or more:
    `<A xmlns="urn:x"><B><C xmlns=""></C></B></A>`, where Canonical XML 1.0 (§2.3, namespace
    axis) writes no declaration on C. signxml canonicalizes SignedInfo that way, so every
    signature written in the default namespace (`<Signature xmlns="http://www.w3.org/2000/09/xmldsig#">`,
    the e-invoice shape) fails with "Signature verification failed" (signxml issues #193, #226,
    #275). Its own workaround, `excise_empty_xmlns_declarations`, removes every `xmlns=""`,
    including the legitimate one of the e-invoice's `<SignatureProperties xmlns="">`, so that
    Reference then fails. A serialized and reparsed copy carries every in-scope namespace on
    its root, which inclusive C14N renders as for the subset in place (no xml:* attribute is
    inherited in these documents); signxml's signer canonicalizes detached copies the same way.
    """

    def _c14n(self, nodes, algorithm, inclusive_ns_prefixes=None):
        if not isinstance(nodes, list):
            nodes = [nodes]
        nodes = [
            etree.fromstring(etree.tostring(n))
            if isinstance(n, etree._Element) and n.getparent() is not None
            else n
            for n in nodes
        ]
        return super()._c14n(nodes, algorithm, inclusive_ns_prefixes=inclusive_ns_prefixes)


def verify(args):
    with open(args.file, "rb") as f:
        data = f.read()
    config = SignatureConfiguration(
        location=args.location,
        expect_references=args.references,
        verification_time=datetime.fromisoformat(args.at.replace("Z", "+00:00")),
    )
    verifier = XMLVerifier() if args.stock else DetachedVerifier()
    try:
        results = verifier.verify(data, ca_pem_file=args.ca, expect_config=config)
    except Exception as e:  # every signxml rejection is reported, not raised
        print(json.dumps({"verified": False, "error": type(e).__name__, "message": str(e)}))
        return 1
    if not isinstance(results, list):
        results = [results]
    covered = [etree.QName(r.signed_xml).localname if r.signed_xml is not None else None for r in results]
    print(json.dumps({"verified": True, "covered": covered}))
    return 0


def sign(args):
    passphrase = os.environ[args.pass_env].encode() if args.pass_env else None
    with open(args.key, "rb") as f:
        key = f.read()
    certs = []
    for c in args.cert:
        with open(c) as f:
            certs.append(f.read())
    root = etree.parse(args.input).getroot()
    signer = XMLSigner(
        method=methods.enveloped,
        signature_algorithm=args.algorithm,
        digest_algorithm="sha256",
        c14n_algorithm=CanonicalizationMethod.CANONICAL_XML_1_0,
    )
    signed = signer.sign(
        root, key=key, passphrase=passphrase, cert=certs, reference_uri=["#" + r for r in args.reference], id_attribute="Id"
    )
    with open(args.output, "wb") as f:
        f.write(etree.tostring(signed, xml_declaration=True, encoding="UTF-8"))
    return 0


def main():
    p = argparse.ArgumentParser()
    sub = p.add_subparsers(dest="cmd", required=True)
    v = sub.add_parser("verify")
    v.add_argument("file")
    v.add_argument("--location", required=True)
    v.add_argument("--references", type=int, required=True)
    v.add_argument("--ca", required=True)
    v.add_argument("--at", required=True)
    v.add_argument("--stock", action="store_true")
    s = sub.add_parser("sign")
    s.add_argument("input")
    s.add_argument("output")
    s.add_argument("key")
    s.add_argument("--cert", action="append", required=True)
    s.add_argument("--reference", action="append", required=True)
    s.add_argument("--algorithm", default="rsa-sha256", choices=["rsa-sha256", "ecdsa-sha256"])
    s.add_argument("--pass-env")
    args = p.parse_args()
    return verify(args) if args.cmd == "verify" else sign(args)


if __name__ == "__main__":
    sys.exit(main())
