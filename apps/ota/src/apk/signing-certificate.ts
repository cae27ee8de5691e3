import { ContentInfo, SignedData } from '@peculiar/asn1-cms';
import { AsnConvert } from '@peculiar/asn1-schema';
import { createHash, X509Certificate } from 'node:crypto';
import type { ApkSigner } from './apk-facts.js';

/**
 * The signer's certificate from a JAR signature block (`META-INF/*.RSA|DSA|EC`),
 * which is a CMS SignedData. The certificate that matches the signer info's
 * serial number is the signer; the block may also carry its chain.
 */
export function signerOfSignatureBlock(block: Buffer): ApkSigner {
  const contentInfo = AsnConvert.parse(block, ContentInfo);
  const signedData = AsnConvert.parse(contentInfo.content, SignedData);
  const certificates = (signedData.certificates ?? []).flatMap((choice) => (choice.certificate ? [choice.certificate] : []));
  const serial = signedData.signerInfos[0]?.sid.issuerAndSerialNumber?.serialNumber;
  const signer =
    certificates.find((certificate) => serial && Buffer.from(certificate.tbsCertificate.serialNumber).equals(Buffer.from(serial))) ?? certificates[0];
  if (!signer) throw new Error('the signature block carries no certificate');
  const der = Buffer.from(AsnConvert.serialize(signer));
  const certificate = new X509Certificate(der);
  return { sha256: createHash('sha256').update(der).digest('hex'), subject: certificate.subject.split('\n').join(', ') };
}
