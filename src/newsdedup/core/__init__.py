"""The pure core: normalize, shingle, sign, band, verify (align), attribute. No SQL, HTTP or Spark here."""

from newsdedup.core.align import Alignment, Passage, align_texts
from newsdedup.core.attribute import Attribution, Facts, Relation, attribute
from newsdedup.core.fingerprint import Fingerprint, fingerprint, fingerprint_many, signature_from_bytes
from newsdedup.core.minhash import band_keys, estimate_jaccard, sign_many
from newsdedup.core.normalize import normalize, text_hash, tokens
from newsdedup.core.scheme import SchemeError, SignatureScheme, default_scheme
from newsdedup.core.shingle import shingle_set
from newsdedup.core.verify import Overlap, VerifyConfig, overlap

__all__ = [
    "Alignment",
    "Attribution",
    "Facts",
    "Fingerprint",
    "Overlap",
    "Passage",
    "Relation",
    "SchemeError",
    "SignatureScheme",
    "VerifyConfig",
    "align_texts",
    "attribute",
    "band_keys",
    "default_scheme",
    "estimate_jaccard",
    "fingerprint",
    "fingerprint_many",
    "normalize",
    "overlap",
    "shingle_set",
    "sign_many",
    "signature_from_bytes",
    "text_hash",
    "tokens",
]
