import { Attribute, ContentInfo, SignedData } from '@peculiar/asn1-cms';
import { AsnArray, AsnConvert, AsnType, AsnTypeTypes } from '@peculiar/asn1-schema';
import { createHash, verify, X509Certificate } from 'node:crypto';
import type { ApkSigner } from './apk-facts.js';

const DIGEST_ALGORITHMS: Record<string, string> = {
  '1.3.14.3.2.26': 'sha1',
  '2.16.840.1.101.3.4.2.1': 'sha256',
  '2.16.840.1.101.3.4.2.2': 'sha384',
  '2.16.840.1.101.3.4.2.3': 'sha512',
};
const MESSAGE_DIGEST = '1.2.840.113549.1.9.4';

/** Signed attributes as the signature covers them: a SET OF Attribute, in the order they were sent. */
@AsnType({ type: AsnTypeTypes.Set, itemType: Attribute })
class SignedAttributeSet extends AsnArray<Attribute> {}

/**
 * Checks a JAR signature block (`META-INF/*.RSA|DSA|EC`, a CMS SignedData)
 * against the signature file it signs, and returns its signer's certificate.
 * Throws an Error naming what does not hold.
 */
export function verifySignatureBlock(block: Buffer, signatureFile: Buffer): ApkSigner {
  const signedData = AsnConvert.parse(AsnConvert.parse(block, ContentInfo).content, SignedData);
  const signerInfo = signedData.signerInfos[0];
  if (!signerInfo) throw new Error('the signature block has no signer');
  const certificates = (signedData.certificates ?? []).flatMap((choice) => (choice.certificate ? [choice.certificate] : []));
  const serial = signerInfo.sid.issuerAndSerialNumber?.serialNumber;
  const signer = certificates.find((certificate) => serial && Buffer.from(certificate.tbsCertificate.serialNumber).equals(Buffer.from(serial)));
  if (!signer) throw new Error("the signature block does not carry its signer's certificate");
  const digest = DIGEST_ALGORITHMS[signerInfo.digestAlgorithm.algorithm];
  if (!digest) throw new Error(`the digest algorithm ${signerInfo.digestAlgorithm.algorithm} is not one Android accepts`);

  let signed = signatureFile;
  if (signerInfo.signedAttrs) {
    // With signed attributes, the signature covers them and they carry the signature file's digest.
    const messageDigest = signerInfo.signedAttrs.find((attribute) => attribute.attrType === MESSAGE_DIGEST)?.attrValues[0];
    const expected = createHash(digest).update(signatureFile).digest();
    if (!messageDigest || !Buffer.from(messageDigest).subarray(-expected.length).equals(expected)) {
      throw new Error('the signature block was made for another signature file');
    }
    signed = Buffer.from(AsnConvert.serialize(new SignedAttributeSet(signerInfo.signedAttrs)));
  }
  const der = Buffer.from(AsnConvert.serialize(signer));
  const certificate = new X509Certificate(der);
  if (!verify(digest, signed, certificate.publicKey, Buffer.from(signerInfo.signature.buffer))) {
    throw new Error('the signature does not verify with its certificate');
  }
  return { sha256: createHash('sha256').update(der).digest('hex'), subject: certificate.subject.split('\n').join(', ') };
}
