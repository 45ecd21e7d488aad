/**
 * The CreateOTAUpdate request as rules see it: the AWS model's shape with every member optional,
 * because a file under lint may miss any of them. Values may still be of the wrong type when
 * the file is wrong; rules guard with `typeof` and leave type errors to aws-api-model.
 */
export interface OtaUpdateRequest {
  otaUpdateId?: string;
  description?: string;
  targets?: string[];
  protocols?: string[];
  targetSelection?: string;
  awsJobExecutionsRolloutConfig?: {
    maximumPerMinute?: number;
    exponentialRate?: {
      baseRatePerMinute?: number;
      incrementFactor?: number;
      rateIncreaseCriteria?: {
        numberOfNotifiedThings?: number;
        numberOfSucceededThings?: number;
      };
    };
  };
  awsJobPresignedUrlConfig?: { expiresInSec?: number };
  awsJobAbortConfig?: {
    abortCriteriaList?: Array<{
      failureType?: string;
      action?: string;
      thresholdPercentage?: number;
      minNumberOfExecutedThings?: number;
    }>;
  };
  awsJobTimeoutConfig?: { inProgressTimeoutInMinutes?: number };
  files?: OtaUpdateFile[];
  roleArn?: string;
  additionalParameters?: Record<string, string>;
  tags?: Array<{ Key?: string; Value?: string }>;
}

export interface OtaUpdateFile {
  fileName?: string;
  fileType?: number;
  fileVersion?: string;
  fileLocation?: {
    stream?: { streamId?: string; fileId?: number };
    s3Location?: { bucket?: string; key?: string; version?: string };
  };
  codeSigning?: {
    awsSignerJobId?: string;
    startSigningJobParameter?: {
      signingProfileParameter?: {
        certificateArn?: string;
        platform?: string;
        certificatePathOnDevice?: string;
      };
      signingProfileName?: string;
      destination?: { s3Destination?: { bucket?: string; prefix?: string } };
    };
    customCodeSigning?: {
      signature?: { inlineDocument?: string };
      certificateChain?: { certificateName?: string; inlineDocument?: string };
      hashAlgorithm?: string;
      signatureAlgorithm?: string;
    };
  };
  attributes?: Record<string, string>;
}
