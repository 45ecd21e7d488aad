import type { UnknownValue } from './value/unknown.js';

declare const mistypedBrand: unique symbol;

/**
 * A value of some other type than the model's: what a wrong file holds (`"files": "fw.bin"`).
 * It has no members, so code must check a value's type before it uses it.
 */
export interface Mistyped {
  readonly [mistypedBrand]: true;
}

/**
 * What a member holds in a file under lint: the model's type when the file is right, a value of
 * another type when it is wrong, or a value only known at run time (a variable, a call). Type
 * guards (`isString`, `isObject`, `isList`, `isFiniteNumber`) narrow it to the model's type.
 */
export type Untrusted<T> =
  (T extends ReadonlyArray<infer E> ? ReadonlyArray<Untrusted<E>> : T extends object ? UntrustedObject<T> : T) | UnknownValue | Mistyped;

/** An object as a file may hold it: each member missing, wrong, unknown, or right. */
export type UntrustedObject<T> = { readonly [K in keyof T]?: Untrusted<T[K]> };

/**
 * The CreateOTAUpdate request as the AWS model shapes it (`@aws-sdk/client-iot`'s
 * `CreateOTAUpdateRequest`, written out here so that rules need no SDK). Rules see it as
 * `Untrusted<OtaUpdateRequest>`: every member may be missing, wrong or unknown.
 */
export interface OtaUpdateRequest {
  otaUpdateId: string;
  description: string;
  targets: string[];
  protocols: string[];
  targetSelection: string;
  awsJobExecutionsRolloutConfig: {
    maximumPerMinute: number;
    exponentialRate: {
      baseRatePerMinute: number;
      incrementFactor: number;
      rateIncreaseCriteria: {
        numberOfNotifiedThings: number;
        numberOfSucceededThings: number;
      };
    };
  };
  awsJobPresignedUrlConfig: { expiresInSec: number };
  awsJobAbortConfig: {
    abortCriteriaList: Array<{
      failureType: string;
      action: string;
      thresholdPercentage: number;
      minNumberOfExecutedThings: number;
    }>;
  };
  awsJobTimeoutConfig: { inProgressTimeoutInMinutes: number };
  files: OtaUpdateFile[];
  roleArn: string;
  additionalParameters: Record<string, string>;
  tags: Array<{ Key: string; Value: string }>;
}

export interface OtaUpdateFile {
  fileName: string;
  fileType: number;
  fileVersion: string;
  fileLocation: {
    stream: { streamId: string; fileId: number };
    s3Location: { bucket: string; key: string; version: string };
  };
  codeSigning: {
    awsSignerJobId: string;
    startSigningJobParameter: {
      signingProfileParameter: {
        certificateArn: string;
        platform: string;
        certificatePathOnDevice: string;
      };
      signingProfileName: string;
      destination: { s3Destination: { bucket: string; prefix: string } };
    };
    customCodeSigning: {
      signature: { inlineDocument: string };
      certificateChain: { certificateName: string; inlineDocument: string };
      hashAlgorithm: string;
      signatureAlgorithm: string;
    };
  };
  attributes: Record<string, string>;
}

/** The request as a rule gets it: always an object (rules do not run on anything else). */
export type RequestValue = UntrustedObject<OtaUpdateRequest>;
