#!/usr/bin/env node
import { createRequire as __nixeryRequire } from 'node:module'; const require = __nixeryRequire(import.meta.url);
import {
  BucketAccessError,
  IMMUTABLE_CACHE_CONTROL,
  MissingGitRefError,
  NixBuildError,
  NixTimeoutError,
  NixeryError,
  RegistryAccessError,
  STALE_TEMP_MS,
  UnknownPackagesError,
  UsageError,
  checksumsOfBytes,
  checksumsOfFile,
  compareStrings,
  formatBytes,
  formatSeconds,
  localStagingDir,
  lookUpError,
  shortDigest
} from "./chunk-HIAX7LNB.js";
import {
  bcryptjs_default
} from "./chunk-FDKLNR3X.js";
import {
  BLOCK_BYTES,
  DICTIONARY_BYTES,
  compressBlockAsync,
  streamHeader,
  streamTrailer
} from "./chunk-SKAKYP26.js";
import {
  __commonJS,
  __require,
  __toESM
} from "./chunk-4ZPLT25K.js";

// node_modules/@cyclonedx/cyclonedx-library/dist.node/enums/attachmentEncoding.js
var require_attachmentEncoding = __commonJS({
  "node_modules/@cyclonedx/cyclonedx-library/dist.node/enums/attachmentEncoding.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.AttachmentEncoding = void 0;
    var AttachmentEncoding;
    (function(AttachmentEncoding2) {
      AttachmentEncoding2["Base64"] = "base64";
    })(AttachmentEncoding || (exports.AttachmentEncoding = AttachmentEncoding = {}));
  }
});

// node_modules/@cyclonedx/cyclonedx-library/dist.node/enums/componentScope.js
var require_componentScope = __commonJS({
  "node_modules/@cyclonedx/cyclonedx-library/dist.node/enums/componentScope.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.ComponentScope = void 0;
    var ComponentScope;
    (function(ComponentScope2) {
      ComponentScope2["Required"] = "required";
      ComponentScope2["Optional"] = "optional";
      ComponentScope2["Excluded"] = "excluded";
    })(ComponentScope || (exports.ComponentScope = ComponentScope = {}));
  }
});

// node_modules/@cyclonedx/cyclonedx-library/dist.node/enums/componentType.js
var require_componentType = __commonJS({
  "node_modules/@cyclonedx/cyclonedx-library/dist.node/enums/componentType.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.ComponentType = void 0;
    var ComponentType2;
    (function(ComponentType3) {
      ComponentType3["Application"] = "application";
      ComponentType3["Framework"] = "framework";
      ComponentType3["Library"] = "library";
      ComponentType3["Container"] = "container";
      ComponentType3["Platform"] = "platform";
      ComponentType3["OperatingSystem"] = "operating-system";
      ComponentType3["Device"] = "device";
      ComponentType3["DeviceDriver"] = "device-driver";
      ComponentType3["Firmware"] = "firmware";
      ComponentType3["File"] = "file";
      ComponentType3["MachineLearningModel"] = "machine-learning-model";
      ComponentType3["Data"] = "data";
      ComponentType3["CryptographicAsset"] = "cryptographic-asset";
    })(ComponentType2 || (exports.ComponentType = ComponentType2 = {}));
  }
});

// node_modules/@cyclonedx/cyclonedx-library/dist.node/enums/externalReferenceType.js
var require_externalReferenceType = __commonJS({
  "node_modules/@cyclonedx/cyclonedx-library/dist.node/enums/externalReferenceType.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.ExternalReferenceType = void 0;
    var ExternalReferenceType2;
    (function(ExternalReferenceType3) {
      ExternalReferenceType3["VCS"] = "vcs";
      ExternalReferenceType3["IssueTracker"] = "issue-tracker";
      ExternalReferenceType3["Website"] = "website";
      ExternalReferenceType3["Advisories"] = "advisories";
      ExternalReferenceType3["BOM"] = "bom";
      ExternalReferenceType3["MailingList"] = "mailing-list";
      ExternalReferenceType3["Social"] = "social";
      ExternalReferenceType3["Chat"] = "chat";
      ExternalReferenceType3["Documentation"] = "documentation";
      ExternalReferenceType3["Support"] = "support";
      ExternalReferenceType3["SourceDistribution"] = "source-distribution";
      ExternalReferenceType3["Distribution"] = "distribution";
      ExternalReferenceType3["DistributionIntake"] = "distribution-intake";
      ExternalReferenceType3["License"] = "license";
      ExternalReferenceType3["BuildMeta"] = "build-meta";
      ExternalReferenceType3["BuildSystem"] = "build-system";
      ExternalReferenceType3["ReleaseNotes"] = "release-notes";
      ExternalReferenceType3["SecurityContact"] = "security-contact";
      ExternalReferenceType3["ModelCard"] = "model-card";
      ExternalReferenceType3["Log"] = "log";
      ExternalReferenceType3["Configuration"] = "configuration";
      ExternalReferenceType3["Evidence"] = "evidence";
      ExternalReferenceType3["Formulation"] = "formulation";
      ExternalReferenceType3["Attestation"] = "attestation";
      ExternalReferenceType3["ThreatModel"] = "threat-model";
      ExternalReferenceType3["AdversaryModel"] = "adversary-model";
      ExternalReferenceType3["RiskAssessment"] = "risk-assessment";
      ExternalReferenceType3["VulnerabilityAssertion"] = "vulnerability-assertion";
      ExternalReferenceType3["ExploitabilityStatement"] = "exploitability-statement";
      ExternalReferenceType3["PentestReport"] = "pentest-report";
      ExternalReferenceType3["StaticAnalysisReport"] = "static-analysis-report";
      ExternalReferenceType3["DynamicAnalysisReport"] = "dynamic-analysis-report";
      ExternalReferenceType3["RuntimeAnalysisReport"] = "runtime-analysis-report";
      ExternalReferenceType3["ComponentAnalysisReport"] = "component-analysis-report";
      ExternalReferenceType3["MaturityReport"] = "maturity-report";
      ExternalReferenceType3["CertificationReport"] = "certification-report";
      ExternalReferenceType3["CodifiedInfrastructure"] = "codified-infrastructure";
      ExternalReferenceType3["QualityMetrics"] = "quality-metrics";
      ExternalReferenceType3["POAM"] = "poam";
      ExternalReferenceType3["ElectronicSignature"] = "electronic-signature";
      ExternalReferenceType3["DigitalSignature"] = "digital-signature";
      ExternalReferenceType3["RFC9116"] = "rfc-9116";
      ExternalReferenceType3["Citation"] = "citation";
      ExternalReferenceType3["Patent"] = "patent";
      ExternalReferenceType3["PatentAssertion"] = "patent-assertion";
      ExternalReferenceType3["PatentFamily"] = "patent-family";
      ExternalReferenceType3["Other"] = "other";
    })(ExternalReferenceType2 || (exports.ExternalReferenceType = ExternalReferenceType2 = {}));
  }
});

// node_modules/@cyclonedx/cyclonedx-library/dist.node/enums/hashAlogorithm.js
var require_hashAlogorithm = __commonJS({
  "node_modules/@cyclonedx/cyclonedx-library/dist.node/enums/hashAlogorithm.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.HashAlgorithm = void 0;
    var HashAlgorithm2;
    (function(HashAlgorithm3) {
      HashAlgorithm3["MD5"] = "MD5";
      HashAlgorithm3["SHA-1"] = "SHA-1";
      HashAlgorithm3["SHA-256"] = "SHA-256";
      HashAlgorithm3["SHA-384"] = "SHA-384";
      HashAlgorithm3["SHA-512"] = "SHA-512";
      HashAlgorithm3["SHA3-256"] = "SHA3-256";
      HashAlgorithm3["SHA3-384"] = "SHA3-384";
      HashAlgorithm3["SHA3-512"] = "SHA3-512";
      HashAlgorithm3["BLAKE2b-256"] = "BLAKE2b-256";
      HashAlgorithm3["BLAKE2b-384"] = "BLAKE2b-384";
      HashAlgorithm3["BLAKE2b-512"] = "BLAKE2b-512";
      HashAlgorithm3["BLAKE3"] = "BLAKE3";
      HashAlgorithm3["Streebog-256"] = "Streebog-256";
      HashAlgorithm3["Streebog-512"] = "Streebog-512";
    })(HashAlgorithm2 || (exports.HashAlgorithm = HashAlgorithm2 = {}));
  }
});

// node_modules/@cyclonedx/cyclonedx-library/dist.node/enums/licenseAcknowledgement.js
var require_licenseAcknowledgement = __commonJS({
  "node_modules/@cyclonedx/cyclonedx-library/dist.node/enums/licenseAcknowledgement.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.LicenseAcknowledgement = void 0;
    var LicenseAcknowledgement;
    (function(LicenseAcknowledgement2) {
      LicenseAcknowledgement2["Declared"] = "declared";
      LicenseAcknowledgement2["Concluded"] = "concluded";
    })(LicenseAcknowledgement || (exports.LicenseAcknowledgement = LicenseAcknowledgement = {}));
  }
});

// node_modules/@cyclonedx/cyclonedx-library/dist.node/enums/lifecyclePhase.js
var require_lifecyclePhase = __commonJS({
  "node_modules/@cyclonedx/cyclonedx-library/dist.node/enums/lifecyclePhase.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.LifecyclePhase = void 0;
    var LifecyclePhase;
    (function(LifecyclePhase2) {
      LifecyclePhase2["Design"] = "design";
      LifecyclePhase2["PreBuild"] = "pre-build";
      LifecyclePhase2["Build"] = "build";
      LifecyclePhase2["PostBuild"] = "post-build";
      LifecyclePhase2["Operations"] = "operations";
      LifecyclePhase2["Discovery"] = "discovery";
      LifecyclePhase2["Decommission"] = "decommission";
    })(LifecyclePhase || (exports.LifecyclePhase = LifecyclePhase = {}));
  }
});

// node_modules/@cyclonedx/cyclonedx-library/dist.node/enums/vulnerability/affectStatus.js
var require_affectStatus = __commonJS({
  "node_modules/@cyclonedx/cyclonedx-library/dist.node/enums/vulnerability/affectStatus.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.AffectStatus = void 0;
    var AffectStatus;
    (function(AffectStatus2) {
      AffectStatus2["Affected"] = "affected";
      AffectStatus2["Unaffected"] = "unaffected";
      AffectStatus2["Unknown"] = "unknown";
    })(AffectStatus || (exports.AffectStatus = AffectStatus = {}));
  }
});

// node_modules/@cyclonedx/cyclonedx-library/dist.node/enums/vulnerability/analysisJustification.js
var require_analysisJustification = __commonJS({
  "node_modules/@cyclonedx/cyclonedx-library/dist.node/enums/vulnerability/analysisJustification.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.AnalysisJustification = void 0;
    var AnalysisJustification;
    (function(AnalysisJustification2) {
      AnalysisJustification2["CodeNotPresent"] = "code_not_present";
      AnalysisJustification2["CodeNotReachable"] = "code_not_reachable";
      AnalysisJustification2["RequiresConfiguration"] = "requires_configuration";
      AnalysisJustification2["RequiresDependency"] = "requires_dependency";
      AnalysisJustification2["RequiresEnvironment"] = "requires_environment";
      AnalysisJustification2["ProtectedByCompiler"] = "protected_by_compiler";
      AnalysisJustification2["ProtectedAtRuntime"] = "protected_at_runtime";
      AnalysisJustification2["ProtectedAtPerimeter"] = "protected_at_perimeter";
      AnalysisJustification2["ProtectedByMitigatingControl"] = "protected_by_mitigating_control";
    })(AnalysisJustification || (exports.AnalysisJustification = AnalysisJustification = {}));
  }
});

// node_modules/@cyclonedx/cyclonedx-library/dist.node/_helpers/sortable.js
var require_sortable = __commonJS({
  "node_modules/@cyclonedx/cyclonedx-library/dist.node/_helpers/sortable.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.SortableNumbers = exports.SortableStringables = exports.SortableComparables = exports.SortableSet = exports.compareObjectsSymbol = void 0;
    exports.compareObjectsSymbol = /* @__PURE__ */ Symbol("internal compare function");
    var SortableSet = class extends Set {
      sorted() {
        return Array.from(this).sort(this[exports.compareObjectsSymbol]);
      }
      compare(other) {
        const sortedOther = other.sorted();
        const sortedSelf = this.sorted();
        if (sortedSelf.length !== sortedOther.length) {
          return sortedSelf.length - sortedOther.length;
        }
        for (let i = sortedSelf.length - 1; i >= 0; --i) {
          const iCompared = this[exports.compareObjectsSymbol](sortedSelf[i], sortedOther[i]);
          if (iCompared !== 0) {
            return iCompared;
          }
        }
        return 0;
      }
    };
    exports.SortableSet = SortableSet;
    var SortableComparables = class extends SortableSet {
      [exports.compareObjectsSymbol](a, b) {
        if (a.constructor === b.constructor) {
          return a.compare(b);
        }
        return a.constructor.name.localeCompare(b.constructor.name);
      }
    };
    exports.SortableComparables = SortableComparables;
    var SortableStringables = class extends SortableSet {
      [exports.compareObjectsSymbol](a, b) {
        return a.toString().localeCompare(b.toString());
      }
    };
    exports.SortableStringables = SortableStringables;
    var SortableNumbers = class extends SortableSet {
      [exports.compareObjectsSymbol](a, b) {
        return a - b;
      }
    };
    exports.SortableNumbers = SortableNumbers;
  }
});

// node_modules/@cyclonedx/cyclonedx-library/dist.node/enums/vulnerability/analysisResponse.js
var require_analysisResponse = __commonJS({
  "node_modules/@cyclonedx/cyclonedx-library/dist.node/enums/vulnerability/analysisResponse.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.AnalysisResponseRepository = exports.AnalysisResponse = void 0;
    var sortable_1 = require_sortable();
    var AnalysisResponse;
    (function(AnalysisResponse2) {
      AnalysisResponse2["CanNotFix"] = "can_not_fix";
      AnalysisResponse2["WillNotFix"] = "will_not_fix";
      AnalysisResponse2["Update"] = "update";
      AnalysisResponse2["Rollback"] = "rollback";
      AnalysisResponse2["WorkaroundAvailable"] = "workaround_available";
    })(AnalysisResponse || (exports.AnalysisResponse = AnalysisResponse = {}));
    var AnalysisResponseRepository = class extends sortable_1.SortableStringables {
    };
    exports.AnalysisResponseRepository = AnalysisResponseRepository;
  }
});

// node_modules/@cyclonedx/cyclonedx-library/dist.node/enums/vulnerability/analysisState.js
var require_analysisState = __commonJS({
  "node_modules/@cyclonedx/cyclonedx-library/dist.node/enums/vulnerability/analysisState.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.AnalysisState = void 0;
    var AnalysisState;
    (function(AnalysisState2) {
      AnalysisState2["Resolved"] = "resolved";
      AnalysisState2["ResolvedWithPedigree"] = "resolved_with_pedigree";
      AnalysisState2["Exploitable"] = "exploitable";
      AnalysisState2["InTriage"] = "in_triage";
      AnalysisState2["FalsePositive"] = "false_positive";
      AnalysisState2["NotAffected"] = "not_affected";
    })(AnalysisState || (exports.AnalysisState = AnalysisState = {}));
  }
});

// node_modules/@cyclonedx/cyclonedx-library/dist.node/enums/vulnerability/ratingMethod.js
var require_ratingMethod = __commonJS({
  "node_modules/@cyclonedx/cyclonedx-library/dist.node/enums/vulnerability/ratingMethod.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.RatingMethod = void 0;
    var RatingMethod;
    (function(RatingMethod2) {
      RatingMethod2["CVSSv2"] = "CVSSv2";
      RatingMethod2["CVSSv3"] = "CVSSv3";
      RatingMethod2["CVSSv31"] = "CVSSv31";
      RatingMethod2["CVSSv4"] = "CVSSv4";
      RatingMethod2["OWASP"] = "OWASP";
      RatingMethod2["SSVC"] = "SSVC";
      RatingMethod2["Other"] = "other";
    })(RatingMethod || (exports.RatingMethod = RatingMethod = {}));
  }
});

// node_modules/@cyclonedx/cyclonedx-library/dist.node/enums/vulnerability/severity.js
var require_severity = __commonJS({
  "node_modules/@cyclonedx/cyclonedx-library/dist.node/enums/vulnerability/severity.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.Severity = void 0;
    var Severity;
    (function(Severity2) {
      Severity2["Critical"] = "critical";
      Severity2["High"] = "high";
      Severity2["Medium"] = "medium";
      Severity2["Low"] = "low";
      Severity2["Info"] = "info";
      Severity2["None"] = "none";
      Severity2["Unknown"] = "unknown";
    })(Severity || (exports.Severity = Severity = {}));
  }
});

// node_modules/@cyclonedx/cyclonedx-library/dist.node/enums/vulnerability/index.js
var require_vulnerability = __commonJS({
  "node_modules/@cyclonedx/cyclonedx-library/dist.node/enums/vulnerability/index.js"(exports) {
    "use strict";
    var __createBinding = exports && exports.__createBinding || (Object.create ? (function(o, m, k, k2) {
      if (k2 === void 0) k2 = k;
      var desc = Object.getOwnPropertyDescriptor(m, k);
      if (!desc || ("get" in desc ? !m.__esModule : desc.writable || desc.configurable)) {
        desc = { enumerable: true, get: function() {
          return m[k];
        } };
      }
      Object.defineProperty(o, k2, desc);
    }) : (function(o, m, k, k2) {
      if (k2 === void 0) k2 = k;
      o[k2] = m[k];
    }));
    var __exportStar = exports && exports.__exportStar || function(m, exports2) {
      for (var p in m) if (p !== "default" && !Object.prototype.hasOwnProperty.call(exports2, p)) __createBinding(exports2, m, p);
    };
    Object.defineProperty(exports, "__esModule", { value: true });
    __exportStar(require_affectStatus(), exports);
    __exportStar(require_analysisJustification(), exports);
    __exportStar(require_analysisResponse(), exports);
    __exportStar(require_analysisState(), exports);
    __exportStar(require_ratingMethod(), exports);
    __exportStar(require_severity(), exports);
  }
});

// node_modules/@cyclonedx/cyclonedx-library/dist.node/enums/index.js
var require_enums = __commonJS({
  "node_modules/@cyclonedx/cyclonedx-library/dist.node/enums/index.js"(exports) {
    "use strict";
    var __createBinding = exports && exports.__createBinding || (Object.create ? (function(o, m, k, k2) {
      if (k2 === void 0) k2 = k;
      var desc = Object.getOwnPropertyDescriptor(m, k);
      if (!desc || ("get" in desc ? !m.__esModule : desc.writable || desc.configurable)) {
        desc = { enumerable: true, get: function() {
          return m[k];
        } };
      }
      Object.defineProperty(o, k2, desc);
    }) : (function(o, m, k, k2) {
      if (k2 === void 0) k2 = k;
      o[k2] = m[k];
    }));
    var __setModuleDefault = exports && exports.__setModuleDefault || (Object.create ? (function(o, v) {
      Object.defineProperty(o, "default", { enumerable: true, value: v });
    }) : function(o, v) {
      o["default"] = v;
    });
    var __exportStar = exports && exports.__exportStar || function(m, exports2) {
      for (var p in m) if (p !== "default" && !Object.prototype.hasOwnProperty.call(exports2, p)) __createBinding(exports2, m, p);
    };
    var __importStar = exports && exports.__importStar || /* @__PURE__ */ (function() {
      var ownKeys = function(o) {
        ownKeys = Object.getOwnPropertyNames || function(o2) {
          var ar = [];
          for (var k in o2) if (Object.prototype.hasOwnProperty.call(o2, k)) ar[ar.length] = k;
          return ar;
        };
        return ownKeys(o);
      };
      return function(mod) {
        if (mod && mod.__esModule) return mod;
        var result = {};
        if (mod != null) {
          for (var k = ownKeys(mod), i = 0; i < k.length; i++) if (k[i] !== "default") __createBinding(result, mod, k[i]);
        }
        __setModuleDefault(result, mod);
        return result;
      };
    })();
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.Vulnerability = void 0;
    __exportStar(require_attachmentEncoding(), exports);
    __exportStar(require_componentScope(), exports);
    __exportStar(require_componentType(), exports);
    __exportStar(require_externalReferenceType(), exports);
    __exportStar(require_hashAlogorithm(), exports);
    __exportStar(require_licenseAcknowledgement(), exports);
    __exportStar(require_lifecyclePhase(), exports);
    exports.Vulnerability = __importStar(require_vulnerability());
  }
});

// node_modules/@cyclonedx/cyclonedx-library/dist.node/models/attachment.js
var require_attachment = __commonJS({
  "node_modules/@cyclonedx/cyclonedx-library/dist.node/models/attachment.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.Attachment = void 0;
    var Attachment = class {
      contentType;
      content;
      encoding;
      constructor(content, op = {}) {
        this.contentType = op.contentType;
        this.content = content;
        this.encoding = op.encoding;
      }
    };
    exports.Attachment = Attachment;
  }
});

// node_modules/@cyclonedx/cyclonedx-library/dist.node/types/integer.js
var require_integer = __commonJS({
  "node_modules/@cyclonedx/cyclonedx-library/dist.node/types/integer.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.isInteger = isInteger;
    exports.isNonNegativeInteger = isNonNegativeInteger;
    exports.isPositiveInteger = isPositiveInteger;
    function isInteger(value) {
      return Number.isInteger(value);
    }
    function isNonNegativeInteger(value) {
      return isInteger(value) && value >= 0;
    }
    function isPositiveInteger(value) {
      return isInteger(value) && value > 0;
    }
  }
});

// node_modules/@cyclonedx/cyclonedx-library/dist.node/_helpers/tree.js
var require_tree = __commonJS({
  "node_modules/@cyclonedx/cyclonedx-library/dist.node/_helpers/tree.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.treeIteratorSymbol = void 0;
    exports.treeIteratorSymbol = /* @__PURE__ */ Symbol("iterator of a tree/nesting-like structure");
  }
});

// node_modules/@cyclonedx/cyclonedx-library/dist.node/types/cpe.js
var require_cpe = __commonJS({
  "node_modules/@cyclonedx/cyclonedx-library/dist.node/types/cpe.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.isCPE = isCPE;
    var cpePattern = /^([c][pP][eE]:\/[AHOaho]?(:[A-Za-z0-9\._\-~%]*){0,6})$|^(cpe:2\.3:[aho\*\-](:(((\?*|\*?)([a-zA-Z0-9\-\._]|(\\[\\\*\?!"#$$%&'\(\)\+,\/:;<=>@\[\]\^`\{\|}~]))+(\?*|\*?))|[\*\-])){5}(:(([a-zA-Z]{2,3}(-([a-zA-Z]{2}|[0-9]{3}))?)|[\*\-]))(:(((\?*|\*?)([a-zA-Z0-9\-\._]|(\\[\\\*\?!"#$$%&'\(\)\+,\/:;<=>@\[\]\^`\{\|}~]))+(\?*|\*?))|[\*\-])){4})$/;
    function isCPE(value) {
      return typeof value === "string" && cpePattern.test(value);
    }
  }
});

// node_modules/@cyclonedx/cyclonedx-library/dist.node/models/bomRef.js
var require_bomRef = __commonJS({
  "node_modules/@cyclonedx/cyclonedx-library/dist.node/models/bomRef.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.BomRefRepository = exports.BomRef = void 0;
    var BomRef = class {
      value;
      constructor(value) {
        this.value = value;
      }
      compare(other) {
        return this.toString().localeCompare(other.toString());
      }
      toString() {
        return this.value ?? "";
      }
    };
    exports.BomRef = BomRef;
    var BomRefRepository = class extends Set {
    };
    exports.BomRefRepository = BomRefRepository;
  }
});

// node_modules/@cyclonedx/cyclonedx-library/dist.node/models/copyright.js
var require_copyright = __commonJS({
  "node_modules/@cyclonedx/cyclonedx-library/dist.node/models/copyright.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.CopyrightRepository = void 0;
    var sortable_1 = require_sortable();
    var CopyrightRepository = class extends sortable_1.SortableStringables {
    };
    exports.CopyrightRepository = CopyrightRepository;
  }
});

// node_modules/@cyclonedx/cyclonedx-library/dist.node/models/hash.js
var require_hash = __commonJS({
  "node_modules/@cyclonedx/cyclonedx-library/dist.node/models/hash.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.HashDictionary = void 0;
    var HashDictionary = class _HashDictionary extends Map {
      static #compareItems([a1, c1], [a2, c2]) {
        return a1.localeCompare(a2) || c1.localeCompare(c2);
      }
      sorted() {
        return Array.from(this.entries()).sort(_HashDictionary.#compareItems);
      }
    };
    exports.HashDictionary = HashDictionary;
  }
});

// node_modules/@cyclonedx/cyclonedx-library/dist.node/models/externalReference.js
var require_externalReference = __commonJS({
  "node_modules/@cyclonedx/cyclonedx-library/dist.node/models/externalReference.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.ExternalReferenceRepository = exports.ExternalReference = void 0;
    var sortable_1 = require_sortable();
    var hash_1 = require_hash();
    var ExternalReference2 = class {
      url;
      type;
      hashes;
      comment;
      constructor(url, type, op = {}) {
        this.url = url;
        this.type = type;
        this.hashes = op.hashes ?? new hash_1.HashDictionary();
        this.comment = op.comment;
      }
      compare(other) {
        return this.type.localeCompare(other.type) || this.url.toString().localeCompare(other.url.toString());
      }
    };
    exports.ExternalReference = ExternalReference2;
    var ExternalReferenceRepository = class extends sortable_1.SortableComparables {
    };
    exports.ExternalReferenceRepository = ExternalReferenceRepository;
  }
});

// node_modules/@cyclonedx/cyclonedx-library/dist.node/models/property.js
var require_property = __commonJS({
  "node_modules/@cyclonedx/cyclonedx-library/dist.node/models/property.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.PropertyRepository = exports.Property = void 0;
    var sortable_1 = require_sortable();
    var Property2 = class {
      name;
      value;
      constructor(name, value) {
        this.name = name;
        this.value = value;
      }
      compare(other) {
        return this.name.localeCompare(other.name) || this.value.localeCompare(other.value);
      }
    };
    exports.Property = Property2;
    var PropertyRepository = class extends sortable_1.SortableComparables {
    };
    exports.PropertyRepository = PropertyRepository;
  }
});

// node_modules/@cyclonedx/cyclonedx-library/dist.node/models/license.js
var require_license = __commonJS({
  "node_modules/@cyclonedx/cyclonedx-library/dist.node/models/license.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.LicenseRepository = exports.SpdxLicense = exports.NamedLicense = exports.LicenseExpression = void 0;
    var property_1 = require_property();
    var LicenseExpression = class {
      #expression;
      acknowledgement;
      constructor(expression) {
        this.expression = expression;
      }
      get expression() {
        return this.#expression;
      }
      set expression(value) {
        if (value === "") {
          throw new RangeError("value is empty string");
        }
        this.#expression = value;
      }
      compare(other) {
        return this.#expression.localeCompare(other.#expression);
      }
    };
    exports.LicenseExpression = LicenseExpression;
    var DisjunctiveLicenseBase = class {
      acknowledgement;
      text;
      #url;
      properties;
      constructor(op = {}) {
        this.acknowledgement = op.acknowledgement;
        this.text = op.text;
        this.url = op.url;
        this.properties = op.properties ?? new property_1.PropertyRepository();
      }
      get url() {
        return this.#url;
      }
      set url(value) {
        this.#url = value === "" ? void 0 : value;
      }
    };
    var NamedLicense2 = class extends DisjunctiveLicenseBase {
      name;
      constructor(name, op = {}) {
        super(op);
        this.name = name;
      }
      compare(other) {
        return this.name.localeCompare(other.name);
      }
    };
    exports.NamedLicense = NamedLicense2;
    var SpdxLicense2 = class extends DisjunctiveLicenseBase {
      #id;
      constructor(id, op = {}) {
        super(op);
        this.id = id;
      }
      get id() {
        return this.#id;
      }
      set id(value) {
        if (value === "") {
          throw new RangeError("value is empty string");
        }
        this.#id = value;
      }
      compare(other) {
        return this.#id.localeCompare(other.#id);
      }
    };
    exports.SpdxLicense = SpdxLicense2;
    var LicenseRepository = class _LicenseRepository extends Set {
      static #compareItems(a, b) {
        if (a.constructor === b.constructor) {
          return a.compare(b);
        }
        return a.constructor.name.localeCompare(b.constructor.name);
      }
      sorted() {
        return Array.from(this).sort(_LicenseRepository.#compareItems);
      }
    };
    exports.LicenseRepository = LicenseRepository;
  }
});

// node_modules/@cyclonedx/cyclonedx-library/dist.node/models/component.js
var require_component = __commonJS({
  "node_modules/@cyclonedx/cyclonedx-library/dist.node/models/component.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.ComponentEvidence = exports.ComponentRepository = exports.Component = void 0;
    var sortable_1 = require_sortable();
    var tree_1 = require_tree();
    var cpe_1 = require_cpe();
    var bomRef_1 = require_bomRef();
    var copyright_1 = require_copyright();
    var externalReference_1 = require_externalReference();
    var hash_1 = require_hash();
    var license_1 = require_license();
    var property_1 = require_property();
    var Component2 = class {
      type;
      name;
      author;
      copyright;
      description;
      externalReferences;
      group;
      hashes;
      licenses;
      publisher;
      purl;
      scope;
      supplier;
      swid;
      version;
      components;
      properties;
      evidence;
      #bomRef;
      #cpe;
      dependencies;
      constructor(type, name, op = {}) {
        this.#bomRef = new bomRef_1.BomRef(op.bomRef);
        this.type = type;
        this.name = name;
        this.supplier = op.supplier;
        this.author = op.author;
        this.copyright = op.copyright;
        this.externalReferences = op.externalReferences ?? new externalReference_1.ExternalReferenceRepository();
        this.group = op.group;
        this.hashes = op.hashes ?? new hash_1.HashDictionary();
        this.licenses = op.licenses ?? new license_1.LicenseRepository();
        this.publisher = op.publisher;
        this.purl = op.purl;
        this.scope = op.scope;
        this.swid = op.swid;
        this.version = op.version;
        this.description = op.description;
        this.components = op.components ?? new ComponentRepository();
        this.cpe = op.cpe;
        this.properties = op.properties ?? new property_1.PropertyRepository();
        this.evidence = op.evidence;
        this.dependencies = op.dependencies ?? new bomRef_1.BomRefRepository();
      }
      get bomRef() {
        return this.#bomRef;
      }
      get cpe() {
        return this.#cpe;
      }
      set cpe(value) {
        if (value !== void 0 && !(0, cpe_1.isCPE)(value)) {
          throw new TypeError("Not CPE nor undefined");
        }
        this.#cpe = value;
      }
      compare(other) {
        const bomRefCompare = this.bomRef.compare(other.bomRef);
        if (bomRefCompare !== 0) {
          return bomRefCompare;
        }
        if (this.purl !== void 0 && other.purl !== void 0) {
          return this.purl.localeCompare(other.purl);
        }
        if (this.#cpe !== void 0 && other.#cpe !== void 0) {
          return this.#cpe.localeCompare(other.#cpe);
        }
        return (this.group ?? "").localeCompare(other.group ?? "") || this.name.localeCompare(other.name) || (this.version ?? "").localeCompare(other.version ?? "");
      }
    };
    exports.Component = Component2;
    var ComponentRepository = class extends sortable_1.SortableComparables {
      *[tree_1.treeIteratorSymbol]() {
        for (const component of this) {
          yield component;
          yield* component.components[tree_1.treeIteratorSymbol]();
        }
      }
    };
    exports.ComponentRepository = ComponentRepository;
    var ComponentEvidence = class {
      licenses;
      copyright;
      constructor(op = {}) {
        this.licenses = op.licenses ?? new license_1.LicenseRepository();
        this.copyright = op.copyright ?? new copyright_1.CopyrightRepository();
      }
    };
    exports.ComponentEvidence = ComponentEvidence;
  }
});

// node_modules/@cyclonedx/cyclonedx-library/dist.node/models/lifecycle.js
var require_lifecycle = __commonJS({
  "node_modules/@cyclonedx/cyclonedx-library/dist.node/models/lifecycle.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.LifecycleRepository = exports.NamedLifecycle = void 0;
    var NamedLifecycle = class {
      name;
      description;
      constructor(name, op = {}) {
        this.name = name;
        this.description = op.description;
      }
      compare(other) {
        return this.name.localeCompare(other.name);
      }
    };
    exports.NamedLifecycle = NamedLifecycle;
    var LifecycleRepository = class _LifecycleRepository extends Set {
      static #compareItems(a, b) {
        if (a.constructor === b.constructor) {
          return a instanceof NamedLifecycle ? a.compare(b) : a.localeCompare(b);
        }
        return a.constructor.name.localeCompare(b.constructor.name);
      }
      sorted() {
        return Array.from(this).sort(_LifecycleRepository.#compareItems);
      }
    };
    exports.LifecycleRepository = LifecycleRepository;
  }
});

// node_modules/@cyclonedx/cyclonedx-library/dist.node/models/organizationalContact.js
var require_organizationalContact = __commonJS({
  "node_modules/@cyclonedx/cyclonedx-library/dist.node/models/organizationalContact.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.OrganizationalContactRepository = exports.OrganizationalContact = void 0;
    var sortable_1 = require_sortable();
    var OrganizationalContact = class {
      name;
      email;
      phone;
      constructor(op = {}) {
        this.name = op.name;
        this.email = op.email;
        this.phone = op.phone;
      }
      compare(other) {
        return (this.name ?? "").localeCompare(other.name ?? "") || (this.email ?? "").localeCompare(other.email ?? "") || (this.phone ?? "").localeCompare(other.phone ?? "");
      }
    };
    exports.OrganizationalContact = OrganizationalContact;
    var OrganizationalContactRepository = class extends sortable_1.SortableComparables {
    };
    exports.OrganizationalContactRepository = OrganizationalContactRepository;
  }
});

// node_modules/@cyclonedx/cyclonedx-library/dist.node/models/service.js
var require_service = __commonJS({
  "node_modules/@cyclonedx/cyclonedx-library/dist.node/models/service.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.ServiceRepository = exports.Service = void 0;
    var sortable_1 = require_sortable();
    var tree_1 = require_tree();
    var bomRef_1 = require_bomRef();
    var externalReference_1 = require_externalReference();
    var license_1 = require_license();
    var property_1 = require_property();
    var Service = class {
      provider;
      group;
      name;
      version;
      description;
      licenses;
      externalReferences;
      services;
      properties;
      #bomRef;
      dependencies;
      constructor(name, op = {}) {
        this.#bomRef = new bomRef_1.BomRef(op.bomRef);
        this.provider = op.provider;
        this.group = op.group;
        this.name = name;
        this.version = op.version;
        this.description = op.description;
        this.licenses = op.licenses ?? new license_1.LicenseRepository();
        this.externalReferences = op.externalReferences ?? new externalReference_1.ExternalReferenceRepository();
        this.services = op.services ?? new ServiceRepository();
        this.properties = op.properties ?? new property_1.PropertyRepository();
        this.dependencies = op.dependencies ?? new bomRef_1.BomRefRepository();
      }
      get bomRef() {
        return this.#bomRef;
      }
      compare(other) {
        const bomRefCompare = this.bomRef.compare(other.bomRef);
        if (bomRefCompare !== 0) {
          return bomRefCompare;
        }
        return (this.group ?? "").localeCompare(other.group ?? "") || this.name.localeCompare(other.name) || (this.version ?? "").localeCompare(other.version ?? "");
      }
    };
    exports.Service = Service;
    var ServiceRepository = class extends sortable_1.SortableComparables {
      *[tree_1.treeIteratorSymbol]() {
        for (const service of this) {
          yield service;
          yield* service.services[tree_1.treeIteratorSymbol]();
        }
      }
    };
    exports.ServiceRepository = ServiceRepository;
  }
});

// node_modules/@cyclonedx/cyclonedx-library/dist.node/models/tool.js
var require_tool = __commonJS({
  "node_modules/@cyclonedx/cyclonedx-library/dist.node/models/tool.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.Tools = exports.ToolRepository = exports.Tool = void 0;
    var sortable_1 = require_sortable();
    var component_1 = require_component();
    var externalReference_1 = require_externalReference();
    var hash_1 = require_hash();
    var service_1 = require_service();
    var Tool = class _Tool {
      vendor;
      name;
      version;
      hashes;
      externalReferences;
      constructor(op = {}) {
        this.vendor = op.vendor;
        this.name = op.name;
        this.version = op.version;
        this.hashes = op.hashes ?? new hash_1.HashDictionary();
        this.externalReferences = op.externalReferences ?? new externalReference_1.ExternalReferenceRepository();
      }
      compare(other) {
        return (this.vendor ?? "").localeCompare(other.vendor ?? "") || (this.name ?? "").localeCompare(other.name ?? "") || (this.version ?? "").localeCompare(other.version ?? "");
      }
      static fromComponent(component) {
        return new _Tool({
          vendor: component.group,
          name: component.name,
          version: component.version,
          hashes: component.hashes,
          externalReferences: component.externalReferences
        });
      }
      static fromService(service) {
        return new _Tool({
          vendor: service.group,
          name: service.name,
          version: service.version,
          externalReferences: service.externalReferences
        });
      }
    };
    exports.Tool = Tool;
    var ToolRepository = class extends sortable_1.SortableComparables {
    };
    exports.ToolRepository = ToolRepository;
    var Tools = class {
      components;
      services;
      tools;
      constructor(op = {}) {
        this.components = op.components ?? new component_1.ComponentRepository();
        this.services = op.services ?? new service_1.ServiceRepository();
        this.tools = op.tools ?? new ToolRepository();
      }
      get size() {
        return this.components.size + this.services.size + this.tools.size;
      }
    };
    exports.Tools = Tools;
  }
});

// node_modules/@cyclonedx/cyclonedx-library/dist.node/models/metadata.js
var require_metadata = __commonJS({
  "node_modules/@cyclonedx/cyclonedx-library/dist.node/models/metadata.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.Metadata = void 0;
    var license_1 = require_license();
    var lifecycle_1 = require_lifecycle();
    var organizationalContact_1 = require_organizationalContact();
    var property_1 = require_property();
    var tool_1 = require_tool();
    var Metadata = class {
      timestamp;
      lifecycles;
      tools;
      authors;
      component;
      manufacture;
      supplier;
      licenses;
      properties;
      constructor(op = {}) {
        this.timestamp = op.timestamp;
        this.lifecycles = op.lifecycles ?? new lifecycle_1.LifecycleRepository();
        this.tools = op.tools ?? new tool_1.Tools();
        this.authors = op.authors ?? new organizationalContact_1.OrganizationalContactRepository();
        this.component = op.component;
        this.manufacture = op.manufacture;
        this.supplier = op.supplier;
        this.licenses = op.licenses ?? new license_1.LicenseRepository();
        this.properties = op.properties ?? new property_1.PropertyRepository();
      }
    };
    exports.Metadata = Metadata;
  }
});

// node_modules/@cyclonedx/cyclonedx-library/dist.node/types/cwe.js
var require_cwe = __commonJS({
  "node_modules/@cyclonedx/cyclonedx-library/dist.node/types/cwe.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.CweRepository = void 0;
    exports.isCWE = isCWE;
    var sortable_1 = require_sortable();
    var integer_1 = require_integer();
    function isCWE(value) {
      return (0, integer_1.isPositiveInteger)(value);
    }
    var CweRepository = class extends sortable_1.SortableNumbers {
    };
    exports.CweRepository = CweRepository;
  }
});

// node_modules/@cyclonedx/cyclonedx-library/dist.node/models/vulnerability/advisory.js
var require_advisory = __commonJS({
  "node_modules/@cyclonedx/cyclonedx-library/dist.node/models/vulnerability/advisory.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.AdvisoryRepository = exports.Advisory = void 0;
    var sortable_1 = require_sortable();
    var Advisory = class {
      title;
      url;
      constructor(url, op = {}) {
        this.url = url;
        this.title = op.title;
      }
      compare(other) {
        return this.url.toString().localeCompare(other.url.toString()) || (this.title ?? "").localeCompare(other.title ?? "");
      }
    };
    exports.Advisory = Advisory;
    var AdvisoryRepository = class extends sortable_1.SortableComparables {
    };
    exports.AdvisoryRepository = AdvisoryRepository;
  }
});

// node_modules/@cyclonedx/cyclonedx-library/dist.node/models/vulnerability/affect.js
var require_affect = __commonJS({
  "node_modules/@cyclonedx/cyclonedx-library/dist.node/models/vulnerability/affect.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.AffectedVersionRepository = exports.AffectedVersionRange = exports.AffectedSingleVersion = exports.AffectRepository = exports.Affect = void 0;
    var sortable_1 = require_sortable();
    var Affect = class {
      ref;
      versions;
      constructor(ref, op = {}) {
        this.ref = ref;
        this.versions = op.versions ?? new AffectedVersionRepository();
      }
      compare(other) {
        return this.ref.compare(other.ref) || this.versions.compare(other.versions);
      }
    };
    exports.Affect = Affect;
    var AffectRepository = class extends sortable_1.SortableComparables {
    };
    exports.AffectRepository = AffectRepository;
    var AffectedSingleVersion = class {
      version;
      status;
      constructor(version, op = {}) {
        this.version = version;
        this.status = op.status;
      }
      compare(other) {
        return this.version.localeCompare(other.version) || (this.status ?? "").localeCompare(other.status ?? "");
      }
    };
    exports.AffectedSingleVersion = AffectedSingleVersion;
    var AffectedVersionRange = class {
      range;
      status;
      constructor(range, op = {}) {
        this.range = range;
        this.status = op.status;
      }
      compare(other) {
        return this.range.localeCompare(other.range) || (this.status ?? "").localeCompare(other.status ?? "");
      }
    };
    exports.AffectedVersionRange = AffectedVersionRange;
    var AffectedVersionRepository = class extends sortable_1.SortableComparables {
    };
    exports.AffectedVersionRepository = AffectedVersionRepository;
  }
});

// node_modules/@cyclonedx/cyclonedx-library/dist.node/models/vulnerability/rating.js
var require_rating = __commonJS({
  "node_modules/@cyclonedx/cyclonedx-library/dist.node/models/vulnerability/rating.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.RatingRepository = exports.Rating = void 0;
    var sortable_1 = require_sortable();
    var Rating = class {
      source;
      score;
      severity;
      method;
      vector;
      justification;
      constructor(op = {}) {
        this.source = op.source;
        this.score = op.score;
        this.severity = op.severity;
        this.method = op.method;
        this.vector = op.vector;
        this.justification = op.justification;
      }
      compare(other) {
        return (this.score ?? 0) - (other.score ?? 0) || (this.vector ?? "").localeCompare(other.vector ?? "") || (this.justification ?? "").localeCompare(other.justification ?? "") || (this.severity ?? "").localeCompare(other.severity ?? "") || (this.method ?? "").localeCompare(other.method ?? "") || (this.source && other.source ? this.source.compare(other.source) : 0);
      }
    };
    exports.Rating = Rating;
    var RatingRepository = class extends sortable_1.SortableComparables {
    };
    exports.RatingRepository = RatingRepository;
  }
});

// node_modules/@cyclonedx/cyclonedx-library/dist.node/models/vulnerability/reference.js
var require_reference = __commonJS({
  "node_modules/@cyclonedx/cyclonedx-library/dist.node/models/vulnerability/reference.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.ReferenceRepository = exports.Reference = void 0;
    var sortable_1 = require_sortable();
    var Reference = class {
      id;
      source;
      constructor(id, source) {
        this.id = id;
        this.source = source;
      }
      compare(other) {
        return this.id.localeCompare(other.id) || this.source.compare(other.source);
      }
    };
    exports.Reference = Reference;
    var ReferenceRepository = class extends sortable_1.SortableComparables {
    };
    exports.ReferenceRepository = ReferenceRepository;
  }
});

// node_modules/@cyclonedx/cyclonedx-library/dist.node/models/vulnerability/vulnerability.js
var require_vulnerability2 = __commonJS({
  "node_modules/@cyclonedx/cyclonedx-library/dist.node/models/vulnerability/vulnerability.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.VulnerabilityRepository = exports.Vulnerability = void 0;
    var sortable_1 = require_sortable();
    var cwe_1 = require_cwe();
    var bomRef_1 = require_bomRef();
    var property_1 = require_property();
    var tool_1 = require_tool();
    var advisory_1 = require_advisory();
    var affect_1 = require_affect();
    var rating_1 = require_rating();
    var reference_1 = require_reference();
    var Vulnerability = class {
      #bomRef;
      id;
      source;
      references;
      ratings;
      cwes;
      description;
      detail;
      recommendation;
      advisories;
      created;
      published;
      updated;
      credits;
      tools;
      analysis;
      affects;
      properties;
      constructor(op = {}) {
        this.#bomRef = new bomRef_1.BomRef(op.bomRef);
        this.id = op.id;
        this.source = op.source;
        this.references = op.references ?? new reference_1.ReferenceRepository();
        this.ratings = op.ratings ?? new rating_1.RatingRepository();
        this.cwes = op.cwes ?? new cwe_1.CweRepository();
        this.description = op.description;
        this.detail = op.detail;
        this.recommendation = op.recommendation;
        this.advisories = op.advisories ?? new advisory_1.AdvisoryRepository();
        this.created = op.created;
        this.published = op.published;
        this.updated = op.updated;
        this.credits = op.credits;
        this.tools = op.tools ?? new tool_1.Tools();
        this.analysis = op.analysis;
        this.affects = op.affects ?? new affect_1.AffectRepository();
        this.properties = op.properties ?? new property_1.PropertyRepository();
      }
      get bomRef() {
        return this.#bomRef;
      }
      compare(other) {
        const bomRefCompare = this.bomRef.compare(other.bomRef);
        if (bomRefCompare !== 0) {
          return bomRefCompare;
        }
        return (this.id ?? "").localeCompare(other.id ?? "") || (this.created?.getTime() ?? 0) - (other.created?.getTime() ?? 0) || (this.published?.getTime() ?? 0) - (other.published?.getTime() ?? 0) || (this.updated?.getTime() ?? 0) - (other.updated?.getTime() ?? 0) || this.ratings.compare(other.ratings) || this.cwes.compare(other.cwes) || (this.description ?? "").localeCompare(other.description ?? "") || (this.detail ?? "").localeCompare(other.detail ?? "") || (this.recommendation ?? "").localeCompare(other.recommendation ?? "") || (this.source && other.source ? this.source.compare(other.source) : 0) || this.properties.compare(other.properties);
      }
    };
    exports.Vulnerability = Vulnerability;
    var VulnerabilityRepository = class extends sortable_1.SortableComparables {
    };
    exports.VulnerabilityRepository = VulnerabilityRepository;
  }
});

// node_modules/@cyclonedx/cyclonedx-library/dist.node/models/bom.js
var require_bom = __commonJS({
  "node_modules/@cyclonedx/cyclonedx-library/dist.node/models/bom.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.Bom = void 0;
    var integer_1 = require_integer();
    var component_1 = require_component();
    var metadata_1 = require_metadata();
    var service_1 = require_service();
    var vulnerability_1 = require_vulnerability2();
    var Bom2 = class {
      metadata;
      components;
      services;
      vulnerabilities;
      #version = 1;
      #serialNumber;
      constructor(op = {}) {
        this.metadata = op.metadata ?? new metadata_1.Metadata();
        this.components = op.components ?? new component_1.ComponentRepository();
        this.services = op.services ?? new service_1.ServiceRepository();
        this.version = op.version ?? this.version;
        this.vulnerabilities = op.vulnerabilities ?? new vulnerability_1.VulnerabilityRepository();
        this.serialNumber = op.serialNumber;
      }
      get version() {
        return this.#version;
      }
      set version(value) {
        if (!(0, integer_1.isPositiveInteger)(value)) {
          throw new TypeError("Not PositiveInteger");
        }
        this.#version = value;
      }
      get serialNumber() {
        return this.#serialNumber;
      }
      set serialNumber(value) {
        this.#serialNumber = value === "" ? void 0 : value;
      }
    };
    exports.Bom = Bom2;
  }
});

// node_modules/@cyclonedx/cyclonedx-library/dist.node/models/bomLink.js
var require_bomLink = __commonJS({
  "node_modules/@cyclonedx/cyclonedx-library/dist.node/models/bomLink.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.BomLinkElement = exports.BomLinkDocument = void 0;
    var BomLinkBase = class {
      #value;
      constructor(value) {
        this.value = value;
      }
      get value() {
        return this.#value;
      }
      set value(value) {
        if (!this._isValid(value)) {
          throw new RangeError("invalid value");
        }
        this.#value = value;
      }
      compare(other) {
        return this.toString().localeCompare(other.toString());
      }
      toString() {
        return this.value;
      }
    };
    var BomLinkDocument = class _BomLinkDocument extends BomLinkBase {
      static #pattern = /^urn:cdx:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\/[1-9][0-9]*$/;
      static isValid(value) {
        return typeof value === "string" && this.#pattern.test(value);
      }
      _isValid(value) {
        return _BomLinkDocument.isValid(value);
      }
    };
    exports.BomLinkDocument = BomLinkDocument;
    var BomLinkElement = class _BomLinkElement extends BomLinkBase {
      static #pattern = /^urn:cdx:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\/[1-9][0-9]*#.+$/;
      static isValid(value) {
        return typeof value === "string" && this.#pattern.test(value);
      }
      _isValid(value) {
        return _BomLinkElement.isValid(value);
      }
    };
    exports.BomLinkElement = BomLinkElement;
  }
});

// node_modules/@cyclonedx/cyclonedx-library/dist.node/models/organizationalEntity.js
var require_organizationalEntity = __commonJS({
  "node_modules/@cyclonedx/cyclonedx-library/dist.node/models/organizationalEntity.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.OrganizationalEntityRepository = exports.OrganizationalEntity = void 0;
    var sortable_1 = require_sortable();
    var organizationalContact_1 = require_organizationalContact();
    var OrganizationalEntity = class {
      name;
      url;
      contact;
      constructor(op = {}) {
        this.name = op.name;
        this.url = op.url ?? /* @__PURE__ */ new Set();
        this.contact = op.contact ?? new organizationalContact_1.OrganizationalContactRepository();
      }
      compare(other) {
        return (this.name ?? "").localeCompare(other.name ?? "") || this.contact.compare(other.contact) || new sortable_1.SortableStringables(this.url).compare(new sortable_1.SortableStringables(other.url));
      }
    };
    exports.OrganizationalEntity = OrganizationalEntity;
    var OrganizationalEntityRepository = class extends sortable_1.SortableComparables {
    };
    exports.OrganizationalEntityRepository = OrganizationalEntityRepository;
  }
});

// node_modules/@cyclonedx/cyclonedx-library/dist.node/models/swid.js
var require_swid = __commonJS({
  "node_modules/@cyclonedx/cyclonedx-library/dist.node/models/swid.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.SWID = void 0;
    var integer_1 = require_integer();
    var SWID = class {
      tagId;
      name;
      version;
      patch;
      text;
      url;
      #tagVersion;
      constructor(tagId, name, op = {}) {
        this.tagId = tagId;
        this.name = name;
        this.version = op.version;
        this.patch = op.patch;
        this.text = op.text;
        this.url = op.url;
        this.tagVersion = op.tagVersion;
      }
      get tagVersion() {
        return this.#tagVersion;
      }
      set tagVersion(value) {
        if (value !== void 0 && !(0, integer_1.isNonNegativeInteger)(value)) {
          throw new TypeError("Not NonNegativeInteger nor undefined");
        }
        this.#tagVersion = value;
      }
    };
    exports.SWID = SWID;
  }
});

// node_modules/@cyclonedx/cyclonedx-library/dist.node/models/vulnerability/analysis.js
var require_analysis = __commonJS({
  "node_modules/@cyclonedx/cyclonedx-library/dist.node/models/vulnerability/analysis.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.Analysis = void 0;
    var analysisResponse_1 = require_analysisResponse();
    var Analysis = class {
      state;
      justification;
      response;
      detail;
      constructor(op = {}) {
        this.state = op.state;
        this.justification = op.justification;
        this.response = op.response ?? new analysisResponse_1.AnalysisResponseRepository();
        this.detail = op.detail;
      }
    };
    exports.Analysis = Analysis;
  }
});

// node_modules/@cyclonedx/cyclonedx-library/dist.node/models/vulnerability/credits.js
var require_credits = __commonJS({
  "node_modules/@cyclonedx/cyclonedx-library/dist.node/models/vulnerability/credits.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.Credits = void 0;
    var organizationalContact_1 = require_organizationalContact();
    var organizationalEntity_1 = require_organizationalEntity();
    var Credits = class {
      organizations;
      individuals;
      constructor(op = {}) {
        this.organizations = op.organizations ?? new organizationalEntity_1.OrganizationalEntityRepository();
        this.individuals = op.individuals ?? new organizationalContact_1.OrganizationalContactRepository();
      }
    };
    exports.Credits = Credits;
  }
});

// node_modules/@cyclonedx/cyclonedx-library/dist.node/models/vulnerability/source.js
var require_source = __commonJS({
  "node_modules/@cyclonedx/cyclonedx-library/dist.node/models/vulnerability/source.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.Source = void 0;
    var Source = class {
      name;
      url;
      constructor(op = {}) {
        this.name = op.name;
        this.url = op.url;
      }
      compare(other) {
        return (this.url?.toString() ?? "").localeCompare(other.url?.toString() ?? "") || (this.name ?? "").localeCompare(other.name ?? "");
      }
    };
    exports.Source = Source;
  }
});

// node_modules/@cyclonedx/cyclonedx-library/dist.node/models/vulnerability/index.js
var require_vulnerability3 = __commonJS({
  "node_modules/@cyclonedx/cyclonedx-library/dist.node/models/vulnerability/index.js"(exports) {
    "use strict";
    var __createBinding = exports && exports.__createBinding || (Object.create ? (function(o, m, k, k2) {
      if (k2 === void 0) k2 = k;
      var desc = Object.getOwnPropertyDescriptor(m, k);
      if (!desc || ("get" in desc ? !m.__esModule : desc.writable || desc.configurable)) {
        desc = { enumerable: true, get: function() {
          return m[k];
        } };
      }
      Object.defineProperty(o, k2, desc);
    }) : (function(o, m, k, k2) {
      if (k2 === void 0) k2 = k;
      o[k2] = m[k];
    }));
    var __exportStar = exports && exports.__exportStar || function(m, exports2) {
      for (var p in m) if (p !== "default" && !Object.prototype.hasOwnProperty.call(exports2, p)) __createBinding(exports2, m, p);
    };
    Object.defineProperty(exports, "__esModule", { value: true });
    __exportStar(require_advisory(), exports);
    __exportStar(require_affect(), exports);
    __exportStar(require_analysis(), exports);
    __exportStar(require_credits(), exports);
    __exportStar(require_rating(), exports);
    __exportStar(require_reference(), exports);
    __exportStar(require_source(), exports);
    __exportStar(require_vulnerability2(), exports);
  }
});

// node_modules/@cyclonedx/cyclonedx-library/dist.node/models/index.js
var require_models = __commonJS({
  "node_modules/@cyclonedx/cyclonedx-library/dist.node/models/index.js"(exports) {
    "use strict";
    var __createBinding = exports && exports.__createBinding || (Object.create ? (function(o, m, k, k2) {
      if (k2 === void 0) k2 = k;
      var desc = Object.getOwnPropertyDescriptor(m, k);
      if (!desc || ("get" in desc ? !m.__esModule : desc.writable || desc.configurable)) {
        desc = { enumerable: true, get: function() {
          return m[k];
        } };
      }
      Object.defineProperty(o, k2, desc);
    }) : (function(o, m, k, k2) {
      if (k2 === void 0) k2 = k;
      o[k2] = m[k];
    }));
    var __setModuleDefault = exports && exports.__setModuleDefault || (Object.create ? (function(o, v) {
      Object.defineProperty(o, "default", { enumerable: true, value: v });
    }) : function(o, v) {
      o["default"] = v;
    });
    var __exportStar = exports && exports.__exportStar || function(m, exports2) {
      for (var p in m) if (p !== "default" && !Object.prototype.hasOwnProperty.call(exports2, p)) __createBinding(exports2, m, p);
    };
    var __importStar = exports && exports.__importStar || /* @__PURE__ */ (function() {
      var ownKeys = function(o) {
        ownKeys = Object.getOwnPropertyNames || function(o2) {
          var ar = [];
          for (var k in o2) if (Object.prototype.hasOwnProperty.call(o2, k)) ar[ar.length] = k;
          return ar;
        };
        return ownKeys(o);
      };
      return function(mod) {
        if (mod && mod.__esModule) return mod;
        var result = {};
        if (mod != null) {
          for (var k = ownKeys(mod), i = 0; i < k.length; i++) if (k[i] !== "default") __createBinding(result, mod, k[i]);
        }
        __setModuleDefault(result, mod);
        return result;
      };
    })();
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.Vulnerability = void 0;
    __exportStar(require_attachment(), exports);
    __exportStar(require_bom(), exports);
    __exportStar(require_bomLink(), exports);
    __exportStar(require_bomRef(), exports);
    __exportStar(require_component(), exports);
    __exportStar(require_copyright(), exports);
    __exportStar(require_externalReference(), exports);
    __exportStar(require_hash(), exports);
    __exportStar(require_license(), exports);
    __exportStar(require_lifecycle(), exports);
    __exportStar(require_metadata(), exports);
    __exportStar(require_organizationalContact(), exports);
    __exportStar(require_organizationalEntity(), exports);
    __exportStar(require_property(), exports);
    __exportStar(require_service(), exports);
    __exportStar(require_swid(), exports);
    __exportStar(require_tool(), exports);
    exports.Vulnerability = __importStar(require_vulnerability3());
  }
});

// node_modules/@cyclonedx/cyclonedx-library/res/schema/spdx.SNAPSHOT.schema.json
var require_spdx_SNAPSHOT_schema = __commonJS({
  "node_modules/@cyclonedx/cyclonedx-library/res/schema/spdx.SNAPSHOT.schema.json"(exports, module) {
    module.exports = {
      $schema: "http://json-schema.org/draft-07/schema#",
      $id: "http://cyclonedx.org/schema/spdx.schema.json",
      $comment: "v1.1-3.29.0",
      type: "string",
      enum: [
        "0BSD",
        "3D-Slicer-1.0",
        "AAL",
        "Abstyles",
        "AdaCore-doc",
        "Adobe-2006",
        "Adobe-Display-PostScript",
        "Adobe-Glyph",
        "Adobe-Utopia",
        "ADSL",
        "Advanced-Cryptics-Dictionary",
        "AFL-1.1",
        "AFL-1.2",
        "AFL-2.0",
        "AFL-2.1",
        "AFL-3.0",
        "Afmparse",
        "AGPL-1.0",
        "AGPL-1.0-only",
        "AGPL-1.0-or-later",
        "AGPL-3.0",
        "AGPL-3.0-only",
        "AGPL-3.0-or-later",
        "Aladdin",
        "ALGLIB-Documentation",
        "AMD-newlib",
        "AMDPLPA",
        "AML",
        "AML-glslang",
        "AMPAS",
        "ANTLR-PD",
        "ANTLR-PD-fallback",
        "any-OSI",
        "any-OSI-perl-modules",
        "Apache-1.0",
        "Apache-1.1",
        "Apache-2.0",
        "APAFML",
        "APL-1.0",
        "App-s2p",
        "APSL-1.0",
        "APSL-1.1",
        "APSL-1.2",
        "APSL-2.0",
        "Arphic-1999",
        "Artistic-1.0",
        "Artistic-1.0-cl8",
        "Artistic-1.0-Perl",
        "Artistic-2.0",
        "Artistic-dist",
        "Aspell-RU",
        "ASWF-Digital-Assets-1.0",
        "ASWF-Digital-Assets-1.1",
        "atc-game",
        "Baekmuk",
        "Bahyph",
        "Barr",
        "bcrypt-Solar-Designer",
        "Beerware",
        "Bitstream-Charter",
        "Bitstream-Vera",
        "BitTorrent-1.0",
        "BitTorrent-1.1",
        "blessing",
        "BlueOak-1.0.0",
        "Boehm-GC",
        "Boehm-GC-without-fee",
        "BOLA-1.1",
        "Borceux",
        "Brian-Gladman-2-Clause",
        "Brian-Gladman-3-Clause",
        "Brian-Gladman-3-Clause-no-conversion",
        "BSD-1-Clause",
        "BSD-2-Clause",
        "BSD-2-Clause-Darwin",
        "BSD-2-Clause-first-lines",
        "BSD-2-Clause-FreeBSD",
        "BSD-2-Clause-NetBSD",
        "BSD-2-Clause-Patent",
        "BSD-2-Clause-pkgconf-disclaimer",
        "BSD-2-Clause-pos-unchanged",
        "BSD-2-Clause-Views",
        "BSD-3-Clause",
        "BSD-3-Clause-acpica",
        "BSD-3-Clause-Attribution",
        "BSD-3-Clause-Clear",
        "BSD-3-Clause-flex",
        "BSD-3-Clause-HP",
        "BSD-3-Clause-LBNL",
        "BSD-3-Clause-Modification",
        "BSD-3-Clause-No-Military-License",
        "BSD-3-Clause-No-Nuclear-License",
        "BSD-3-Clause-No-Nuclear-License-2014",
        "BSD-3-Clause-No-Nuclear-Warranty",
        "BSD-3-Clause-Open-MPI",
        "BSD-3-Clause-OpenWebUI",
        "BSD-3-Clause-Sun",
        "BSD-3-Clause-Tso",
        "BSD-4-Clause",
        "BSD-4-Clause-Shortened",
        "BSD-4-Clause-UC",
        "BSD-4.3RENO",
        "BSD-4.3TAHOE",
        "BSD-Advertising-Acknowledgement",
        "BSD-ask-to-endorse",
        "BSD-Attribution-HPND-disclaimer",
        "BSD-Inferno-Nettverk",
        "BSD-Mark-Modifications",
        "BSD-Protection",
        "BSD-Source-alt-GPL",
        "BSD-Source-beginning-file",
        "BSD-Source-Code",
        "BSD-Source-Code-no-disclaimer",
        "BSD-Systemics",
        "BSD-Systemics-W3Works",
        "BSL-1.0",
        "Buddy",
        "Bugroff",
        "BUSL-1.1",
        "bzip2-1.0.5",
        "bzip2-1.0.6",
        "C-UDA-1.0",
        "CAL-1.0",
        "CAL-1.0-Combined-Work-Exception",
        "Caldera",
        "Caldera-no-preamble",
        "CAPEC-tou",
        "Catharon",
        "CATOSL-1.1",
        "CC-BY-1.0",
        "CC-BY-2.0",
        "CC-BY-2.5",
        "CC-BY-2.5-AU",
        "CC-BY-3.0",
        "CC-BY-3.0-AT",
        "CC-BY-3.0-AU",
        "CC-BY-3.0-DE",
        "CC-BY-3.0-IGO",
        "CC-BY-3.0-NL",
        "CC-BY-3.0-US",
        "CC-BY-4.0",
        "CC-BY-NC-1.0",
        "CC-BY-NC-2.0",
        "CC-BY-NC-2.5",
        "CC-BY-NC-3.0",
        "CC-BY-NC-3.0-DE",
        "CC-BY-NC-3.0-IGO",
        "CC-BY-NC-4.0",
        "CC-BY-NC-ND-1.0",
        "CC-BY-NC-ND-2.0",
        "CC-BY-NC-ND-2.5",
        "CC-BY-NC-ND-3.0",
        "CC-BY-NC-ND-3.0-DE",
        "CC-BY-NC-ND-3.0-IGO",
        "CC-BY-NC-ND-4.0",
        "CC-BY-NC-SA-1.0",
        "CC-BY-NC-SA-2.0",
        "CC-BY-NC-SA-2.0-DE",
        "CC-BY-NC-SA-2.0-FR",
        "CC-BY-NC-SA-2.0-UK",
        "CC-BY-NC-SA-2.5",
        "CC-BY-NC-SA-3.0",
        "CC-BY-NC-SA-3.0-DE",
        "CC-BY-NC-SA-3.0-IGO",
        "CC-BY-NC-SA-4.0",
        "CC-BY-ND-1.0",
        "CC-BY-ND-2.0",
        "CC-BY-ND-2.5",
        "CC-BY-ND-3.0",
        "CC-BY-ND-3.0-DE",
        "CC-BY-ND-4.0",
        "CC-BY-SA-1.0",
        "CC-BY-SA-2.0",
        "CC-BY-SA-2.0-UK",
        "CC-BY-SA-2.1-JP",
        "CC-BY-SA-2.5",
        "CC-BY-SA-3.0",
        "CC-BY-SA-3.0-AT",
        "CC-BY-SA-3.0-DE",
        "CC-BY-SA-3.0-IGO",
        "CC-BY-SA-4.0",
        "CC-PDDC",
        "CC-PDM-1.0",
        "CC-SA-1.0",
        "CC0-1.0",
        "CDDL-1.0",
        "CDDL-1.1",
        "CDL-1.0",
        "CDLA-Permissive-1.0",
        "CDLA-Permissive-2.0",
        "CDLA-Sharing-1.0",
        "CECILL-1.0",
        "CECILL-1.1",
        "CECILL-2.0",
        "CECILL-2.1",
        "CECILL-B",
        "CECILL-C",
        "CERN-OHL-1.1",
        "CERN-OHL-1.2",
        "CERN-OHL-P-2.0",
        "CERN-OHL-S-2.0",
        "CERN-OHL-W-2.0",
        "CFITSIO",
        "check-cvs",
        "checkmk",
        "ClArtistic",
        "Clips",
        "CMU-Mach",
        "CMU-Mach-nodoc",
        "CNRI-Jython",
        "CNRI-Python",
        "CNRI-Python-GPL-Compatible",
        "COIL-1.0",
        "Community-Spec-1.0",
        "Condor-1.1",
        "copyleft-next-0.3.0",
        "copyleft-next-0.3.1",
        "Cornell-Lossless-JPEG",
        "CPAL-1.0",
        "CPL-1.0",
        "CPOL-1.02",
        "Cronyx",
        "Crossword",
        "CryptoSwift",
        "CrystalStacker",
        "CUA-OPL-1.0",
        "Cube",
        "curl",
        "cve-tou",
        "D-FSL-1.0",
        "DEC-3-Clause",
        "diffmark",
        "DL-DE-BY-2.0",
        "DL-DE-ZERO-2.0",
        "DOC",
        "DocBook-DTD",
        "DocBook-Schema",
        "DocBook-Stylesheet",
        "DocBook-XML",
        "Dotseqn",
        "DRL-1.0",
        "DRL-1.1",
        "DSDP",
        "dtoa",
        "dvipdfm",
        "ECL-1.0",
        "ECL-2.0",
        "eCos-2.0",
        "EFL-1.0",
        "EFL-2.0",
        "eGenix",
        "Elastic-2.0",
        "Entessa",
        "EPICS",
        "EPL-1.0",
        "EPL-2.0",
        "ErlPL-1.1",
        "ESA-PL-permissive-2.4",
        "ESA-PL-strong-copyleft-2.4",
        "ESA-PL-weak-copyleft-2.4",
        "etalab-2.0",
        "EUDatagrid",
        "EUPL-1.0",
        "EUPL-1.1",
        "EUPL-1.2",
        "Eurosym",
        "Fair",
        "FBM",
        "FDK-AAC",
        "FDK-MPEG-H",
        "Ferguson-Twofish",
        "Frameworx-1.0",
        "FreeBSD-DOC",
        "FreeImage",
        "FSFAP",
        "FSFAP-no-warranty-disclaimer",
        "FSFUL",
        "FSFULLR",
        "FSFULLRSD",
        "FSFULLRWD",
        "FSL-1.1-ALv2",
        "FSL-1.1-MIT",
        "FTL",
        "Furuseth",
        "fwlw",
        "Game-Programming-Gems",
        "GCR-docs",
        "GD",
        "generic-xts",
        "GFDL-1.1",
        "GFDL-1.1-invariants-only",
        "GFDL-1.1-invariants-or-later",
        "GFDL-1.1-no-invariants-only",
        "GFDL-1.1-no-invariants-or-later",
        "GFDL-1.1-only",
        "GFDL-1.1-or-later",
        "GFDL-1.2",
        "GFDL-1.2-invariants-only",
        "GFDL-1.2-invariants-or-later",
        "GFDL-1.2-no-invariants-only",
        "GFDL-1.2-no-invariants-or-later",
        "GFDL-1.2-only",
        "GFDL-1.2-or-later",
        "GFDL-1.3",
        "GFDL-1.3-invariants-only",
        "GFDL-1.3-invariants-or-later",
        "GFDL-1.3-no-invariants-only",
        "GFDL-1.3-no-invariants-or-later",
        "GFDL-1.3-only",
        "GFDL-1.3-or-later",
        "Giftware",
        "GL2PS",
        "Glide",
        "Glulxe",
        "GLWTPL",
        "gnuplot",
        "GPL-1.0",
        "GPL-1.0+",
        "GPL-1.0-only",
        "GPL-1.0-or-later",
        "GPL-2.0",
        "GPL-2.0+",
        "GPL-2.0-only",
        "GPL-2.0-or-later",
        "GPL-2.0-with-autoconf-exception",
        "GPL-2.0-with-bison-exception",
        "GPL-2.0-with-classpath-exception",
        "GPL-2.0-with-font-exception",
        "GPL-2.0-with-GCC-exception",
        "GPL-3.0",
        "GPL-3.0+",
        "GPL-3.0-only",
        "GPL-3.0-or-later",
        "GPL-3.0-with-autoconf-exception",
        "GPL-3.0-with-GCC-exception",
        "Graphics-Gems",
        "gSOAP-1.3b",
        "gtkbook",
        "Gutmann",
        "HaskellReport",
        "HDF5",
        "hdparm",
        "HIDAPI",
        "Hippocratic-2.1",
        "Hippocratic-3.0-core",
        "HP-1986",
        "HP-1989",
        "HPND",
        "HPND-DEC",
        "HPND-doc",
        "HPND-doc-sell",
        "HPND-export-US",
        "HPND-export-US-acknowledgement",
        "HPND-export-US-modify",
        "HPND-export2-US",
        "HPND-Fenneberg-Livingston",
        "HPND-INRIA-IMAG",
        "HPND-Intel",
        "HPND-Kevlin-Henney",
        "HPND-Markus-Kuhn",
        "HPND-merchantability-variant",
        "HPND-MIT-disclaimer",
        "HPND-Netrek",
        "HPND-Pbmplus",
        "HPND-sell-MIT-disclaimer-xserver",
        "HPND-sell-regexpr",
        "HPND-sell-variant",
        "HPND-sell-variant-critical-systems",
        "HPND-sell-variant-MIT-disclaimer",
        "HPND-sell-variant-MIT-disclaimer-rev",
        "HPND-SMC",
        "HPND-UC",
        "HPND-UC-export-US",
        "HTMLTIDY",
        "hyphen-bulgarian",
        "IBM-pibs",
        "ICU",
        "IEC-Code-Components-EULA",
        "IJG",
        "IJG-short",
        "ImageMagick",
        "iMatix",
        "Imlib2",
        "Info-ZIP",
        "Informatica",
        "Inner-Net-2.0",
        "InnoSetup",
        "Intel",
        "Intel-ACPI",
        "Interbase-1.0",
        "IPA",
        "IPL-1.0",
        "ISC",
        "ISC-Veillard",
        "ISO-permission",
        "Jam",
        "JasPer-2.0",
        "jove",
        "JPL-image",
        "JPNIC",
        "JSON",
        "Kastrup",
        "Kazlib",
        "Knuth-CTAN",
        "LAL-1.2",
        "LAL-1.3",
        "Latex2e",
        "Latex2e-translated-notice",
        "Leptonica",
        "LGPL-2.0",
        "LGPL-2.0+",
        "LGPL-2.0-only",
        "LGPL-2.0-or-later",
        "LGPL-2.1",
        "LGPL-2.1+",
        "LGPL-2.1-only",
        "LGPL-2.1-or-later",
        "LGPL-3.0",
        "LGPL-3.0+",
        "LGPL-3.0-only",
        "LGPL-3.0-or-later",
        "LGPLLR",
        "Libpng",
        "libpng-1.6.35",
        "libpng-2.0",
        "libselinux-1.0",
        "libtiff",
        "libutil-David-Nugent",
        "LiLiQ-P-1.1",
        "LiLiQ-R-1.1",
        "LiLiQ-Rplus-1.1",
        "Linux-man-pages-1-para",
        "Linux-man-pages-copyleft",
        "Linux-man-pages-copyleft-2-para",
        "Linux-man-pages-copyleft-var",
        "Linux-OpenIB",
        "LOOP",
        "LPD-document",
        "LPL-1.0",
        "LPL-1.02",
        "LPPL-1.0",
        "LPPL-1.1",
        "LPPL-1.2",
        "LPPL-1.3a",
        "LPPL-1.3c",
        "lsof",
        "Lucida-Bitmap-Fonts",
        "LZMA-SDK-9.11-to-9.20",
        "LZMA-SDK-9.22",
        "Mackerras-3-Clause",
        "Mackerras-3-Clause-acknowledgment",
        "magaz",
        "mailprio",
        "MakeIndex",
        "man2html",
        "Martin-Birgmeier",
        "McPhee-slideshow",
        "metamail",
        "Minpack",
        "MIPS",
        "MirOS",
        "MIT",
        "MIT-0",
        "MIT-advertising",
        "MIT-Click",
        "MIT-CMU",
        "MIT-enna",
        "MIT-feh",
        "MIT-Festival",
        "MIT-Khronos-old",
        "MIT-Modern-Variant",
        "MIT-open-group",
        "MIT-STK",
        "MIT-testregex",
        "MIT-Wu",
        "MITNFA",
        "MMIXware",
        "MMPL-1.0.1",
        "Motosoto",
        "MPEG-SSG",
        "mpi-permissive",
        "mpich2",
        "MPL-1.0",
        "MPL-1.1",
        "MPL-2.0",
        "MPL-2.0-no-copyleft-exception",
        "mplus",
        "MS-LPL",
        "MS-PL",
        "MS-RL",
        "MTLL",
        "MulanPSL-1.0",
        "MulanPSL-2.0",
        "Multics",
        "Mup",
        "MVT-1.1",
        "NAIST-2003",
        "NASA-1.3",
        "Naumen",
        "NBPL-1.0",
        "NCBI-PD",
        "NCGL-UK-2.0",
        "NCL",
        "NCSA",
        "Net-SNMP",
        "NetCDF",
        "Newsletr",
        "NGPL",
        "ngrep",
        "NICTA-1.0",
        "NIST-PD",
        "NIST-PD-fallback",
        "NIST-PD-TNT",
        "NIST-Software",
        "NLOD-1.0",
        "NLOD-2.0",
        "NLPL",
        "Nokia",
        "NOSL",
        "Noweb",
        "NPL-1.0",
        "NPL-1.1",
        "NPOSL-3.0",
        "NRL",
        "NTIA-PD",
        "NTP",
        "NTP-0",
        "Nunit",
        "O-UDA-1.0",
        "OAR",
        "OCCT-PL",
        "OCLC-2.0",
        "ODbL-1.0",
        "ODC-By-1.0",
        "OFFIS",
        "OFL-1.0",
        "OFL-1.0-no-RFN",
        "OFL-1.0-RFN",
        "OFL-1.1",
        "OFL-1.1-no-RFN",
        "OFL-1.1-RFN",
        "OGC-1.0",
        "OGDL-Taiwan-1.0",
        "OGL-Canada-2.0",
        "OGL-UK-1.0",
        "OGL-UK-2.0",
        "OGL-UK-3.0",
        "OGTSL",
        "OLDAP-1.1",
        "OLDAP-1.2",
        "OLDAP-1.3",
        "OLDAP-1.4",
        "OLDAP-2.0",
        "OLDAP-2.0.1",
        "OLDAP-2.1",
        "OLDAP-2.2",
        "OLDAP-2.2.1",
        "OLDAP-2.2.2",
        "OLDAP-2.3",
        "OLDAP-2.4",
        "OLDAP-2.5",
        "OLDAP-2.6",
        "OLDAP-2.7",
        "OLDAP-2.8",
        "OLFL-1.3",
        "OML",
        "OpenMDW-1.0",
        "OpenPBS-2.3",
        "OpenSSL",
        "OpenSSL-standalone",
        "OpenVision",
        "OPL-1.0",
        "OPL-UK-3.0",
        "OPUBL-1.0",
        "OSC-1.0",
        "OSET-PL-2.1",
        "OSL-1.0",
        "OSL-1.1",
        "OSL-2.0",
        "OSL-2.1",
        "OSL-3.0",
        "OSSP",
        "PADL",
        "ParaType-Free-Font-1.3",
        "Parity-6.0.0",
        "Parity-7.0.0",
        "PDDL-1.0",
        "PHP-3.0",
        "PHP-3.01",
        "Pixar",
        "pkgconf",
        "Plexus",
        "pnmstitch",
        "PolyForm-Noncommercial-1.0.0",
        "PolyForm-Small-Business-1.0.0",
        "PostgreSQL",
        "PPL",
        "PSF-2.0",
        "psfrag",
        "psutils",
        "Python-2.0",
        "Python-2.0.1",
        "python-ldap",
        "Qhull",
        "QPL-1.0",
        "QPL-1.0-INRIA-2004",
        "radvd",
        "Rdisc",
        "RHeCos-1.1",
        "RPL-1.1",
        "RPL-1.5",
        "RPSL-1.0",
        "RSA-MD",
        "RSCPL",
        "Ruby",
        "Ruby-pty",
        "SAX-PD",
        "SAX-PD-2.0",
        "Saxpath",
        "SCEA",
        "SchemeReport",
        "Sendmail",
        "Sendmail-8.23",
        "Sendmail-Open-Source-1.1",
        "SGI-B-1.0",
        "SGI-B-1.1",
        "SGI-B-2.0",
        "SGI-OpenGL",
        "SGMLUG-PM",
        "SGP4",
        "SHL-0.5",
        "SHL-0.51",
        "SimPL-2.0",
        "SISSL",
        "SISSL-1.2",
        "SL",
        "Sleepycat",
        "SMAIL-GPL",
        "SMLNJ",
        "SMPPL",
        "SNIA",
        "snprintf",
        "SOFA",
        "softSurfer",
        "Soundex",
        "Spencer-86",
        "Spencer-94",
        "Spencer-99",
        "SPL-1.0",
        "ssh-keyscan",
        "SSH-OpenSSH",
        "SSH-short",
        "SSLeay-standalone",
        "SSPL-1.0",
        "StandardML-NJ",
        "SugarCRM-1.1.3",
        "SUL-1.0",
        "Sun-PPP",
        "Sun-PPP-2000",
        "SunPro",
        "SWL",
        "swrule",
        "Symlinks",
        "TAPR-OHL-1.0",
        "TCL",
        "TCP-wrappers",
        "TekHVC",
        "TermReadKey",
        "TGPPL-1.0",
        "ThirdEye",
        "threeparttable",
        "TMate",
        "TORQUE-1.1",
        "TOSL",
        "TPDL",
        "TPL-1.0",
        "TrustedQSL",
        "TTWL",
        "TTYP0",
        "TU-Berlin-1.0",
        "TU-Berlin-2.0",
        "Ubuntu-font-1.0",
        "UCAR",
        "UCL-1.0",
        "ulem",
        "UMich-Merit",
        "Unicode-3.0",
        "Unicode-DFS-2015",
        "Unicode-DFS-2016",
        "Unicode-TOU",
        "UnixCrypt",
        "Unlicense",
        "Unlicense-libtelnet",
        "Unlicense-libwhirlpool",
        "UnRAR",
        "UPL-1.0",
        "URT-RLE",
        "Vim",
        "Vixie-Cron",
        "VOSTROM",
        "VSL-1.0",
        "W3C",
        "W3C-19980720",
        "W3C-20150513",
        "w3m",
        "Watcom-1.0",
        "Widget-Workshop",
        "WordNet",
        "Wsuipa",
        "WTFNMFPL",
        "WTFPL",
        "wwl",
        "wxWindows",
        "X11",
        "X11-distribute-modifications-variant",
        "X11-no-permit-persons",
        "X11-swapped",
        "Xdebug-1.03",
        "Xerox",
        "Xfig",
        "XFree86-1.1",
        "xinetd",
        "xkeyboard-config-Zinoviev",
        "xlock",
        "Xnet",
        "xpp",
        "XSkat",
        "xzoom",
        "YPL-1.0",
        "YPL-1.1",
        "Zed",
        "Zeeff",
        "Zend-2.0",
        "Zimbra-1.3",
        "Zimbra-1.4",
        "Zlib",
        "zlib-acknowledgement",
        "ZPL-1.1",
        "ZPL-2.0",
        "ZPL-2.1",
        "389-exception",
        "Asterisk-exception",
        "Asterisk-linking-protocols-exception",
        "Autoconf-exception-2.0",
        "Autoconf-exception-3.0",
        "Autoconf-exception-generic",
        "Autoconf-exception-generic-3.0",
        "Autoconf-exception-macro",
        "Bison-exception-1.24",
        "Bison-exception-2.2",
        "Bootloader-exception",
        "CGAL-linking-exception",
        "Classpath-exception-2.0",
        "Classpath-exception-2.0-short",
        "CLISP-exception-2.0",
        "cryptsetup-OpenSSL-exception",
        "Digia-Qt-LGPL-exception-1.1",
        "DigiRule-FOSS-exception",
        "eCos-exception-2.0",
        "erlang-otp-linking-exception",
        "Fawkes-Runtime-exception",
        "FLTK-exception",
        "fmt-exception",
        "Font-exception-2.0",
        "freertos-exception-2.0",
        "GCC-exception-2.0",
        "GCC-exception-2.0-note",
        "GCC-exception-3.1",
        "Gmsh-exception",
        "GNAT-exception",
        "GNOME-examples-exception",
        "GNU-compiler-exception",
        "gnu-javamail-exception",
        "Google-Patent-WebM",
        "GPL-3.0-389-ds-base-exception",
        "GPL-3.0-interface-exception",
        "GPL-3.0-linking-exception",
        "GPL-3.0-linking-source-exception",
        "GPL-CC-1.0",
        "GStreamer-exception-2005",
        "GStreamer-exception-2008",
        "harbour-exception",
        "i2p-gpl-java-exception",
        "Independent-modules-exception",
        "KiCad-libraries-exception",
        "kvirc-openssl-exception",
        "LGPL-3.0-linking-exception",
        "libpri-OpenH323-exception",
        "Libtool-exception",
        "Linux-syscall-note",
        "LLGPL",
        "LLVM-exception",
        "LZMA-exception",
        "mif-exception",
        "mxml-exception",
        "Nokia-Qt-exception-1.1",
        "OCaml-LGPL-linking-exception",
        "OCCT-exception-1.0",
        "OpenJDK-assembly-exception-1.0",
        "openvpn-openssl-exception",
        "PCRE2-exception",
        "polyparse-exception",
        "PS-or-PDF-font-exception-20170817",
        "QPL-1.0-INRIA-2004-exception",
        "Qt-GPL-exception-1.0",
        "Qt-LGPL-exception-1.1",
        "Qwt-exception-1.0",
        "romic-exception",
        "RRDtool-FLOSS-exception-2.0",
        "rsync-linking-exception",
        "SANE-exception",
        "SHL-2.0",
        "SHL-2.1",
        "Simple-Library-Usage-exception",
        "Spelling-Provider-LGPL-exception",
        "sqlitestudio-OpenSSL-exception",
        "stunnel-exception",
        "SWI-exception",
        "Swift-exception",
        "Texinfo-exception",
        "u-boot-exception-2.0",
        "UBDL-exception",
        "Universal-FOSS-exception-1.0",
        "vsftpd-openssl-exception",
        "WxWindows-exception-3.1",
        "x11vnc-openssl-exception"
      ],
      "meta:enum": {
        "0BSD": "BSD Zero Clause License",
        "3D-Slicer-1.0": "3D Slicer License v1.0",
        AAL: "Attribution Assurance License",
        Abstyles: "Abstyles License",
        "AdaCore-doc": "AdaCore Doc License",
        "Adobe-2006": "Adobe Systems Incorporated Source Code License Agreement",
        "Adobe-Display-PostScript": "Adobe Display PostScript License",
        "Adobe-Glyph": "Adobe Glyph List License",
        "Adobe-Utopia": "Adobe Utopia Font License",
        ADSL: "Amazon Digital Services License",
        "Advanced-Cryptics-Dictionary": "Advanced Cryptics Dictionary License",
        "AFL-1.1": "Academic Free License v1.1",
        "AFL-1.2": "Academic Free License v1.2",
        "AFL-2.0": "Academic Free License v2.0",
        "AFL-2.1": "Academic Free License v2.1",
        "AFL-3.0": "Academic Free License v3.0",
        Afmparse: "Afmparse License",
        "AGPL-1.0": "Affero General Public License v1.0",
        "AGPL-1.0-only": "Affero General Public License v1.0 only",
        "AGPL-1.0-or-later": "Affero General Public License v1.0 or later",
        "AGPL-3.0": "GNU Affero General Public License v3.0",
        "AGPL-3.0-only": "GNU Affero General Public License v3.0 only",
        "AGPL-3.0-or-later": "GNU Affero General Public License v3.0 or later",
        Aladdin: "Aladdin Free Public License",
        "ALGLIB-Documentation": "ALGLIB Documentation License",
        "AMD-newlib": "AMD newlib License",
        AMDPLPA: "AMD's plpa_map.c License",
        AML: "Apple MIT License",
        "AML-glslang": "AML glslang variant License",
        AMPAS: "Academy of Motion Picture Arts and Sciences BSD",
        "ANTLR-PD": "ANTLR Software Rights Notice",
        "ANTLR-PD-fallback": "ANTLR Software Rights Notice with license fallback",
        "any-OSI": "Any OSI License",
        "any-OSI-perl-modules": "Any OSI License - Perl Modules",
        "Apache-1.0": "Apache License 1.0",
        "Apache-1.1": "Apache License 1.1",
        "Apache-2.0": "Apache License 2.0",
        APAFML: "Adobe Postscript AFM License",
        "APL-1.0": "Adaptive Public License 1.0",
        "App-s2p": "App::s2p License",
        "APSL-1.0": "Apple Public Source License 1.0",
        "APSL-1.1": "Apple Public Source License 1.1",
        "APSL-1.2": "Apple Public Source License 1.2",
        "APSL-2.0": "Apple Public Source License 2.0",
        "Arphic-1999": "Arphic Public License",
        "Artistic-1.0": "Artistic License 1.0",
        "Artistic-1.0-cl8": "Artistic License 1.0 w/clause 8",
        "Artistic-1.0-Perl": "Artistic License 1.0 (Perl)",
        "Artistic-2.0": "Artistic License 2.0",
        "Artistic-dist": "Artistic License 1.0 (dist)",
        "Aspell-RU": "Aspell Russian License",
        "ASWF-Digital-Assets-1.0": "ASWF Digital Assets License version 1.0",
        "ASWF-Digital-Assets-1.1": "ASWF Digital Assets License 1.1",
        "atc-game": "atc Game License",
        Baekmuk: "Baekmuk License",
        Bahyph: "Bahyph License",
        Barr: "Barr License",
        "bcrypt-Solar-Designer": "bcrypt Solar Designer License",
        Beerware: "Beerware License",
        "Bitstream-Charter": "Bitstream Charter Font License",
        "Bitstream-Vera": "Bitstream Vera Font License",
        "BitTorrent-1.0": "BitTorrent Open Source License v1.0",
        "BitTorrent-1.1": "BitTorrent Open Source License v1.1",
        blessing: "SQLite Blessing",
        "BlueOak-1.0.0": "Blue Oak Model License 1.0.0",
        "Boehm-GC": "Boehm-Demers-Weiser GC License",
        "Boehm-GC-without-fee": "Boehm-Demers-Weiser GC License (without fee)",
        "BOLA-1.1": "Buena Onda License Agreement v1.1",
        Borceux: "Borceux license",
        "Brian-Gladman-2-Clause": "Brian Gladman 2-Clause License",
        "Brian-Gladman-3-Clause": "Brian Gladman 3-Clause License",
        "Brian-Gladman-3-Clause-no-conversion": "Brian Gladman 3-Clause License (no conversion clause)",
        "BSD-1-Clause": "BSD 1-Clause License",
        "BSD-2-Clause": 'BSD 2-Clause "Simplified" License',
        "BSD-2-Clause-Darwin": "BSD 2-Clause - Ian Darwin variant",
        "BSD-2-Clause-first-lines": "BSD 2-Clause - first lines requirement",
        "BSD-2-Clause-FreeBSD": "BSD 2-Clause FreeBSD License",
        "BSD-2-Clause-NetBSD": "BSD 2-Clause NetBSD License",
        "BSD-2-Clause-Patent": "BSD-2-Clause Plus Patent License",
        "BSD-2-Clause-pkgconf-disclaimer": "BSD 2-Clause pkgconf disclaimer variant",
        "BSD-2-Clause-pos-unchanged": "BSD 2-Clause - position unchanged variant",
        "BSD-2-Clause-Views": "BSD 2-Clause with views sentence",
        "BSD-3-Clause": 'BSD 3-Clause "New" or "Revised" License',
        "BSD-3-Clause-acpica": "BSD 3-Clause acpica variant",
        "BSD-3-Clause-Attribution": "BSD with attribution",
        "BSD-3-Clause-Clear": "BSD 3-Clause Clear License",
        "BSD-3-Clause-flex": "BSD 3-Clause Flex variant",
        "BSD-3-Clause-HP": "Hewlett-Packard BSD variant license",
        "BSD-3-Clause-LBNL": "Lawrence Berkeley National Labs BSD variant license",
        "BSD-3-Clause-Modification": "BSD 3-Clause Modification",
        "BSD-3-Clause-No-Military-License": "BSD 3-Clause No Military License",
        "BSD-3-Clause-No-Nuclear-License": "BSD 3-Clause No Nuclear License",
        "BSD-3-Clause-No-Nuclear-License-2014": "BSD 3-Clause No Nuclear License 2014",
        "BSD-3-Clause-No-Nuclear-Warranty": "BSD 3-Clause No Nuclear Warranty",
        "BSD-3-Clause-Open-MPI": "BSD 3-Clause Open MPI variant",
        "BSD-3-Clause-OpenWebUI": "BSD 3-Clause - OpenWebUI variant",
        "BSD-3-Clause-Sun": "BSD 3-Clause Sun Microsystems",
        "BSD-3-Clause-Tso": "BSD 3-Clause Tso variant",
        "BSD-4-Clause": 'BSD 4-Clause "Original" or "Old" License',
        "BSD-4-Clause-Shortened": "BSD 4 Clause Shortened",
        "BSD-4-Clause-UC": "BSD-4-Clause (University of California-Specific)",
        "BSD-4.3RENO": "BSD 4.3 RENO License",
        "BSD-4.3TAHOE": "BSD 4.3 TAHOE License",
        "BSD-Advertising-Acknowledgement": "BSD Advertising Acknowledgement License",
        "BSD-ask-to-endorse": "BSD - ask to endorse",
        "BSD-Attribution-HPND-disclaimer": "BSD with Attribution and HPND disclaimer",
        "BSD-Inferno-Nettverk": "BSD-Inferno-Nettverk",
        "BSD-Mark-Modifications": "BSD Mark Modifications License",
        "BSD-Protection": "BSD Protection License",
        "BSD-Source-alt-GPL": "BSD Source Code Attribution - GPL alternative",
        "BSD-Source-beginning-file": "BSD Source Code Attribution - beginning of file variant",
        "BSD-Source-Code": "BSD Source Code Attribution",
        "BSD-Source-Code-no-disclaimer": "BSD Source Code Attribution - no disclaimer",
        "BSD-Systemics": "Systemics BSD variant license",
        "BSD-Systemics-W3Works": "Systemics W3Works BSD variant license",
        "BSL-1.0": "Boost Software License 1.0",
        Buddy: "Buddy License",
        Bugroff: "Bugroff License",
        "BUSL-1.1": "Business Source License 1.1",
        "bzip2-1.0.5": "bzip2 and libbzip2 License v1.0.5",
        "bzip2-1.0.6": "bzip2 and libbzip2 License v1.0.6",
        "C-UDA-1.0": "Computational Use of Data Agreement v1.0",
        "CAL-1.0": "Cryptographic Autonomy License 1.0",
        "CAL-1.0-Combined-Work-Exception": "Cryptographic Autonomy License 1.0 (Combined Work Exception)",
        Caldera: "Caldera License",
        "Caldera-no-preamble": "Caldera License (without preamble)",
        "CAPEC-tou": "Common Attack    Pattern Enumeration and Classification License",
        Catharon: "Catharon License",
        "CATOSL-1.1": "Computer Associates Trusted Open Source License 1.1",
        "CC-BY-1.0": "Creative Commons Attribution 1.0 Generic",
        "CC-BY-2.0": "Creative Commons Attribution 2.0 Generic",
        "CC-BY-2.5": "Creative Commons Attribution 2.5 Generic",
        "CC-BY-2.5-AU": "Creative Commons Attribution 2.5 Australia",
        "CC-BY-3.0": "Creative Commons Attribution 3.0 Unported",
        "CC-BY-3.0-AT": "Creative Commons Attribution 3.0 Austria",
        "CC-BY-3.0-AU": "Creative Commons Attribution 3.0 Australia",
        "CC-BY-3.0-DE": "Creative Commons Attribution 3.0 Germany",
        "CC-BY-3.0-IGO": "Creative Commons Attribution 3.0 IGO",
        "CC-BY-3.0-NL": "Creative Commons Attribution 3.0 Netherlands",
        "CC-BY-3.0-US": "Creative Commons Attribution 3.0 United States",
        "CC-BY-4.0": "Creative Commons Attribution 4.0 International",
        "CC-BY-NC-1.0": "Creative Commons Attribution Non Commercial 1.0 Generic",
        "CC-BY-NC-2.0": "Creative Commons Attribution Non Commercial 2.0 Generic",
        "CC-BY-NC-2.5": "Creative Commons Attribution Non Commercial 2.5 Generic",
        "CC-BY-NC-3.0": "Creative Commons Attribution Non Commercial 3.0 Unported",
        "CC-BY-NC-3.0-DE": "Creative Commons Attribution Non Commercial 3.0 Germany",
        "CC-BY-NC-3.0-IGO": "Creative Commons Attribution Non Commercial 3.0 IGO",
        "CC-BY-NC-4.0": "Creative Commons Attribution Non Commercial 4.0 International",
        "CC-BY-NC-ND-1.0": "Creative Commons Attribution Non Commercial No Derivatives 1.0 Generic",
        "CC-BY-NC-ND-2.0": "Creative Commons Attribution Non Commercial No Derivatives 2.0 Generic",
        "CC-BY-NC-ND-2.5": "Creative Commons Attribution Non Commercial No Derivatives 2.5 Generic",
        "CC-BY-NC-ND-3.0": "Creative Commons Attribution Non Commercial No Derivatives 3.0 Unported",
        "CC-BY-NC-ND-3.0-DE": "Creative Commons Attribution Non Commercial No Derivatives 3.0 Germany",
        "CC-BY-NC-ND-3.0-IGO": "Creative Commons Attribution Non Commercial No Derivatives 3.0 IGO",
        "CC-BY-NC-ND-4.0": "Creative Commons Attribution Non Commercial No Derivatives 4.0 International",
        "CC-BY-NC-SA-1.0": "Creative Commons Attribution Non Commercial Share Alike 1.0 Generic",
        "CC-BY-NC-SA-2.0": "Creative Commons Attribution Non Commercial Share Alike 2.0 Generic",
        "CC-BY-NC-SA-2.0-DE": "Creative Commons Attribution Non Commercial Share Alike 2.0 Germany",
        "CC-BY-NC-SA-2.0-FR": "Creative Commons Attribution-NonCommercial-ShareAlike 2.0 France",
        "CC-BY-NC-SA-2.0-UK": "Creative Commons Attribution Non Commercial Share Alike 2.0 England and Wales",
        "CC-BY-NC-SA-2.5": "Creative Commons Attribution Non Commercial Share Alike 2.5 Generic",
        "CC-BY-NC-SA-3.0": "Creative Commons Attribution Non Commercial Share Alike 3.0 Unported",
        "CC-BY-NC-SA-3.0-DE": "Creative Commons Attribution Non Commercial Share Alike 3.0 Germany",
        "CC-BY-NC-SA-3.0-IGO": "Creative Commons Attribution Non Commercial Share Alike 3.0 IGO",
        "CC-BY-NC-SA-4.0": "Creative Commons Attribution Non Commercial Share Alike 4.0 International",
        "CC-BY-ND-1.0": "Creative Commons Attribution No Derivatives 1.0 Generic",
        "CC-BY-ND-2.0": "Creative Commons Attribution No Derivatives 2.0 Generic",
        "CC-BY-ND-2.5": "Creative Commons Attribution No Derivatives 2.5 Generic",
        "CC-BY-ND-3.0": "Creative Commons Attribution No Derivatives 3.0 Unported",
        "CC-BY-ND-3.0-DE": "Creative Commons Attribution No Derivatives 3.0 Germany",
        "CC-BY-ND-4.0": "Creative Commons Attribution No Derivatives 4.0 International",
        "CC-BY-SA-1.0": "Creative Commons Attribution Share Alike 1.0 Generic",
        "CC-BY-SA-2.0": "Creative Commons Attribution Share Alike 2.0 Generic",
        "CC-BY-SA-2.0-UK": "Creative Commons Attribution Share Alike 2.0 England and Wales",
        "CC-BY-SA-2.1-JP": "Creative Commons Attribution Share Alike 2.1 Japan",
        "CC-BY-SA-2.5": "Creative Commons Attribution Share Alike 2.5 Generic",
        "CC-BY-SA-3.0": "Creative Commons Attribution Share Alike 3.0 Unported",
        "CC-BY-SA-3.0-AT": "Creative Commons Attribution Share Alike 3.0 Austria",
        "CC-BY-SA-3.0-DE": "Creative Commons Attribution Share Alike 3.0 Germany",
        "CC-BY-SA-3.0-IGO": "Creative Commons Attribution-ShareAlike 3.0 IGO",
        "CC-BY-SA-4.0": "Creative Commons Attribution Share Alike 4.0 International",
        "CC-PDDC": "Creative Commons Public Domain Dedication and Certification",
        "CC-PDM-1.0": "Creative    Commons Public Domain Mark 1.0 Universal",
        "CC-SA-1.0": "Creative Commons Share Alike 1.0 Generic",
        "CC0-1.0": "Creative Commons Zero v1.0 Universal",
        "CDDL-1.0": "Common Development and Distribution License 1.0",
        "CDDL-1.1": "Common Development and Distribution License 1.1",
        "CDL-1.0": "Common Documentation License 1.0",
        "CDLA-Permissive-1.0": "Community Data License Agreement Permissive 1.0",
        "CDLA-Permissive-2.0": "Community Data License Agreement Permissive 2.0",
        "CDLA-Sharing-1.0": "Community Data License Agreement Sharing 1.0",
        "CECILL-1.0": "CeCILL Free Software License Agreement v1.0",
        "CECILL-1.1": "CeCILL Free Software License Agreement v1.1",
        "CECILL-2.0": "CeCILL Free Software License Agreement v2.0",
        "CECILL-2.1": "CeCILL Free Software License Agreement v2.1",
        "CECILL-B": "CeCILL-B Free Software License Agreement",
        "CECILL-C": "CeCILL-C Free Software License Agreement",
        "CERN-OHL-1.1": "CERN Open Hardware Licence v1.1",
        "CERN-OHL-1.2": "CERN Open Hardware Licence v1.2",
        "CERN-OHL-P-2.0": "CERN Open Hardware Licence Version 2 - Permissive",
        "CERN-OHL-S-2.0": "CERN Open Hardware Licence Version 2 - Strongly Reciprocal",
        "CERN-OHL-W-2.0": "CERN Open Hardware Licence Version 2 - Weakly Reciprocal",
        CFITSIO: "CFITSIO License",
        "check-cvs": "check-cvs License",
        checkmk: "Checkmk License",
        ClArtistic: "Clarified Artistic License",
        Clips: "Clips License",
        "CMU-Mach": "CMU Mach License",
        "CMU-Mach-nodoc": "CMU    Mach - no notices-in-documentation variant",
        "CNRI-Jython": "CNRI Jython License",
        "CNRI-Python": "CNRI Python License",
        "CNRI-Python-GPL-Compatible": "CNRI Python Open Source GPL Compatible License Agreement",
        "COIL-1.0": "Copyfree Open Innovation License",
        "Community-Spec-1.0": "Community Specification License 1.0",
        "Condor-1.1": "Condor Public License v1.1",
        "copyleft-next-0.3.0": "copyleft-next 0.3.0",
        "copyleft-next-0.3.1": "copyleft-next 0.3.1",
        "Cornell-Lossless-JPEG": "Cornell Lossless JPEG License",
        "CPAL-1.0": "Common Public Attribution License 1.0",
        "CPL-1.0": "Common Public License 1.0",
        "CPOL-1.02": "Code Project Open License 1.02",
        Cronyx: "Cronyx License",
        Crossword: "Crossword License",
        CryptoSwift: "CryptoSwift License",
        CrystalStacker: "CrystalStacker License",
        "CUA-OPL-1.0": "CUA Office Public License v1.0",
        Cube: "Cube License",
        curl: "curl License",
        "cve-tou": "Common Vulnerability Enumeration ToU License",
        "D-FSL-1.0": "Deutsche Freie Software Lizenz",
        "DEC-3-Clause": "DEC 3-Clause License",
        diffmark: "diffmark license",
        "DL-DE-BY-2.0": "Data licence Germany \u2013 attribution \u2013 version 2.0",
        "DL-DE-ZERO-2.0": "Data licence Germany \u2013 zero \u2013 version 2.0",
        DOC: "DOC License",
        "DocBook-DTD": "DocBook DTD License",
        "DocBook-Schema": "DocBook Schema License",
        "DocBook-Stylesheet": "DocBook Stylesheet License",
        "DocBook-XML": "DocBook XML License",
        Dotseqn: "Dotseqn License",
        "DRL-1.0": "Detection Rule License 1.0",
        "DRL-1.1": "Detection Rule License 1.1",
        DSDP: "DSDP License",
        dtoa: "David M. Gay dtoa License",
        dvipdfm: "dvipdfm License",
        "ECL-1.0": "Educational Community License v1.0",
        "ECL-2.0": "Educational Community License v2.0",
        "eCos-2.0": "eCos license version 2.0",
        "EFL-1.0": "Eiffel Forum License v1.0",
        "EFL-2.0": "Eiffel Forum License v2.0",
        eGenix: "eGenix.com Public License 1.1.0",
        "Elastic-2.0": "Elastic License 2.0",
        Entessa: "Entessa Public License v1.0",
        EPICS: "EPICS Open License",
        "EPL-1.0": "Eclipse Public License 1.0",
        "EPL-2.0": "Eclipse Public License 2.0",
        "ErlPL-1.1": "Erlang Public License v1.1",
        "ESA-PL-permissive-2.4": "European Space Agency Public License \u2013 v2.4 \u2013 Permissive (Type 3)",
        "ESA-PL-strong-copyleft-2.4": "European Space Agency Public License (ESA-PL) - V2.4 - Strong Copyleft (Type 1)",
        "ESA-PL-weak-copyleft-2.4": "European Space Agency Public License \u2013 v2.4 \u2013 Weak Copyleft (Type 2)",
        "etalab-2.0": "Etalab Open License 2.0",
        EUDatagrid: "EU DataGrid Software License",
        "EUPL-1.0": "European Union Public License 1.0",
        "EUPL-1.1": "European Union Public License 1.1",
        "EUPL-1.2": "European Union Public License 1.2",
        Eurosym: "Eurosym License",
        Fair: "Fair License",
        FBM: "Fuzzy Bitmap License",
        "FDK-AAC": "Fraunhofer FDK AAC Codec Library",
        "FDK-MPEG-H": "Fraunhofer FDK MPEG-H Software",
        "Ferguson-Twofish": "Ferguson Twofish License",
        "Frameworx-1.0": "Frameworx Open License 1.0",
        "FreeBSD-DOC": "FreeBSD Documentation License",
        FreeImage: "FreeImage Public License v1.0",
        FSFAP: "FSF All Permissive License",
        "FSFAP-no-warranty-disclaimer": "FSF All Permissive License (without Warranty)",
        FSFUL: "FSF Unlimited License",
        FSFULLR: "FSF Unlimited License (with License Retention)",
        FSFULLRSD: "FSF Unlimited License (with License Retention and Short Disclaimer)",
        FSFULLRWD: "FSF Unlimited License (With License Retention and Warranty Disclaimer)",
        "FSL-1.1-ALv2": "Functional Source License, Version 1.1, ALv2 Future License",
        "FSL-1.1-MIT": "Functional Source License, Version 1.1, MIT Future License",
        FTL: "Freetype Project License",
        Furuseth: "Furuseth License",
        fwlw: "fwlw License",
        "Game-Programming-Gems": "Game Programming Gems License",
        "GCR-docs": "Gnome GCR Documentation License",
        GD: "GD License",
        "generic-xts": "Generic XTS License",
        "GFDL-1.1": "GNU Free Documentation License v1.1",
        "GFDL-1.1-invariants-only": "GNU Free Documentation License v1.1 only - invariants",
        "GFDL-1.1-invariants-or-later": "GNU Free Documentation License v1.1 or later - invariants",
        "GFDL-1.1-no-invariants-only": "GNU Free Documentation License v1.1 only - no invariants",
        "GFDL-1.1-no-invariants-or-later": "GNU Free Documentation License v1.1 or later - no invariants",
        "GFDL-1.1-only": "GNU Free Documentation License v1.1 only",
        "GFDL-1.1-or-later": "GNU Free Documentation License v1.1 or later",
        "GFDL-1.2": "GNU Free Documentation License v1.2",
        "GFDL-1.2-invariants-only": "GNU Free Documentation License v1.2 only - invariants",
        "GFDL-1.2-invariants-or-later": "GNU Free Documentation License v1.2 or later - invariants",
        "GFDL-1.2-no-invariants-only": "GNU Free Documentation License v1.2 only - no invariants",
        "GFDL-1.2-no-invariants-or-later": "GNU Free Documentation License v1.2 or later - no invariants",
        "GFDL-1.2-only": "GNU Free Documentation License v1.2 only",
        "GFDL-1.2-or-later": "GNU Free Documentation License v1.2 or later",
        "GFDL-1.3": "GNU Free Documentation License v1.3",
        "GFDL-1.3-invariants-only": "GNU Free Documentation License v1.3 only - invariants",
        "GFDL-1.3-invariants-or-later": "GNU Free Documentation License v1.3 or later - invariants",
        "GFDL-1.3-no-invariants-only": "GNU Free Documentation License v1.3 only - no invariants",
        "GFDL-1.3-no-invariants-or-later": "GNU Free Documentation License v1.3 or later - no invariants",
        "GFDL-1.3-only": "GNU Free Documentation License v1.3 only",
        "GFDL-1.3-or-later": "GNU Free Documentation License v1.3 or later",
        Giftware: "Giftware License",
        GL2PS: "GL2PS License",
        Glide: "3dfx Glide License",
        Glulxe: "Glulxe License",
        GLWTPL: "Good Luck With That Public License",
        gnuplot: "gnuplot License",
        "GPL-1.0": "GNU General Public License v1.0 only",
        "GPL-1.0+": "GNU General Public License v1.0 or later",
        "GPL-1.0-only": "GNU General Public License v1.0 only",
        "GPL-1.0-or-later": "GNU General Public License v1.0 or later",
        "GPL-2.0": "GNU General Public License v2.0 only",
        "GPL-2.0+": "GNU General Public License v2.0 or later",
        "GPL-2.0-only": "GNU General Public License v2.0 only",
        "GPL-2.0-or-later": "GNU General Public License v2.0 or later",
        "GPL-2.0-with-autoconf-exception": "GNU General Public License v2.0 w/Autoconf exception",
        "GPL-2.0-with-bison-exception": "GNU General Public License v2.0 w/Bison exception",
        "GPL-2.0-with-classpath-exception": "GNU General Public License v2.0 w/Classpath exception",
        "GPL-2.0-with-font-exception": "GNU General Public License v2.0 w/Font exception",
        "GPL-2.0-with-GCC-exception": "GNU General Public License v2.0 w/GCC Runtime Library exception",
        "GPL-3.0": "GNU General Public License v3.0 only",
        "GPL-3.0+": "GNU General Public License v3.0 or later",
        "GPL-3.0-only": "GNU General Public License v3.0 only",
        "GPL-3.0-or-later": "GNU General Public License v3.0 or later",
        "GPL-3.0-with-autoconf-exception": "GNU General Public License v3.0 w/Autoconf exception",
        "GPL-3.0-with-GCC-exception": "GNU General Public License v3.0 w/GCC Runtime Library exception",
        "Graphics-Gems": "Graphics Gems License",
        "gSOAP-1.3b": "gSOAP Public License v1.3b",
        gtkbook: "gtkbook License",
        Gutmann: "Gutmann License",
        HaskellReport: "Haskell Language Report License",
        HDF5: "HDF5 License",
        hdparm: "hdparm License",
        HIDAPI: "HIDAPI License",
        "Hippocratic-2.1": "Hippocratic License 2.1",
        "Hippocratic-3.0-core": "Hippocratic License 3.0",
        "HP-1986": "Hewlett-Packard 1986 License",
        "HP-1989": "Hewlett-Packard 1989 License",
        HPND: "Historical Permission Notice and Disclaimer",
        "HPND-DEC": "Historical Permission Notice and Disclaimer - DEC variant",
        "HPND-doc": "Historical Permission Notice and Disclaimer - documentation variant",
        "HPND-doc-sell": "Historical Permission Notice and Disclaimer - documentation sell variant",
        "HPND-export-US": "HPND with US Government export control warning",
        "HPND-export-US-acknowledgement": "HPND with US Government export control warning and acknowledgment",
        "HPND-export-US-modify": "HPND with US Government export control warning and modification rqmt",
        "HPND-export2-US": "HPND with US Government export control and 2 disclaimers",
        "HPND-Fenneberg-Livingston": "Historical Permission Notice and Disclaimer - Fenneberg-Livingston variant",
        "HPND-INRIA-IMAG": "Historical Permission Notice and Disclaimer    - INRIA-IMAG variant",
        "HPND-Intel": "Historical Permission Notice and Disclaimer - Intel variant",
        "HPND-Kevlin-Henney": "Historical Permission Notice and Disclaimer - Kevlin Henney variant",
        "HPND-Markus-Kuhn": "Historical Permission Notice and Disclaimer - Markus Kuhn variant",
        "HPND-merchantability-variant": "Historical Permission Notice and Disclaimer - merchantability variant",
        "HPND-MIT-disclaimer": "Historical Permission Notice and Disclaimer with MIT disclaimer",
        "HPND-Netrek": "Historical Permission Notice and Disclaimer - Netrek variant",
        "HPND-Pbmplus": "Historical Permission Notice and Disclaimer - Pbmplus variant",
        "HPND-sell-MIT-disclaimer-xserver": "Historical Permission Notice and Disclaimer - sell xserver variant with MIT disclaimer",
        "HPND-sell-regexpr": "Historical Permission Notice and Disclaimer - sell regexpr variant",
        "HPND-sell-variant": "Historical Permission Notice and Disclaimer - sell variant",
        "HPND-sell-variant-critical-systems": "HPND - sell variant with safety critical systems clause",
        "HPND-sell-variant-MIT-disclaimer": "HPND sell variant with MIT disclaimer",
        "HPND-sell-variant-MIT-disclaimer-rev": "HPND sell variant with MIT disclaimer - reverse",
        "HPND-SMC": "Historical Permission Notice and Disclaimer - SMC variant",
        "HPND-UC": "Historical Permission Notice and Disclaimer - University of California variant",
        "HPND-UC-export-US": "Historical Permission Notice and Disclaimer - University of California, US export warning",
        HTMLTIDY: "HTML Tidy License",
        "hyphen-bulgarian": "hyphen-bulgarian License",
        "IBM-pibs": "IBM PowerPC Initialization and Boot Software",
        ICU: "ICU License",
        "IEC-Code-Components-EULA": "IEC    Code Components End-user licence agreement",
        IJG: "Independent JPEG Group License",
        "IJG-short": "Independent JPEG Group License - short",
        ImageMagick: "ImageMagick License",
        iMatix: "iMatix Standard Function Library Agreement",
        Imlib2: "Imlib2 License",
        "Info-ZIP": "Info-ZIP License",
        Informatica: "Informatica License",
        "Inner-Net-2.0": "Inner Net License v2.0",
        InnoSetup: "Inno Setup License",
        Intel: "Intel Open Source License",
        "Intel-ACPI": "Intel ACPI Software License Agreement",
        "Interbase-1.0": "Interbase Public License v1.0",
        IPA: "IPA Font License",
        "IPL-1.0": "IBM Public License v1.0",
        ISC: "ISC License",
        "ISC-Veillard": "ISC Veillard variant",
        "ISO-permission": "ISO permission notice",
        Jam: "Jam License",
        "JasPer-2.0": "JasPer License",
        jove: "Jove License",
        "JPL-image": "JPL Image Use Policy",
        JPNIC: "Japan Network Information Center License",
        JSON: "JSON License",
        Kastrup: "Kastrup License",
        Kazlib: "Kazlib License",
        "Knuth-CTAN": "Knuth CTAN License",
        "LAL-1.2": "Licence Art Libre 1.2",
        "LAL-1.3": "Licence Art Libre 1.3",
        Latex2e: "Latex2e License",
        "Latex2e-translated-notice": "Latex2e with translated notice permission",
        Leptonica: "Leptonica License",
        "LGPL-2.0": "GNU Library General Public License v2 only",
        "LGPL-2.0+": "GNU Library General Public License v2 or later",
        "LGPL-2.0-only": "GNU Library General Public License v2 only",
        "LGPL-2.0-or-later": "GNU Library General Public License v2 or later",
        "LGPL-2.1": "GNU Lesser General Public License v2.1 only",
        "LGPL-2.1+": "GNU Lesser General Public License v2.1 or later",
        "LGPL-2.1-only": "GNU Lesser General Public License v2.1 only",
        "LGPL-2.1-or-later": "GNU Lesser General Public License v2.1 or later",
        "LGPL-3.0": "GNU Lesser General Public License v3.0 only",
        "LGPL-3.0+": "GNU Lesser General Public License v3.0 or later",
        "LGPL-3.0-only": "GNU Lesser General Public License v3.0 only",
        "LGPL-3.0-or-later": "GNU Lesser General Public License v3.0 or later",
        LGPLLR: "Lesser General Public License For Linguistic Resources",
        Libpng: "libpng License",
        "libpng-1.6.35": "PNG Reference Library License v1 (for libpng 0.5 through 1.6.35)",
        "libpng-2.0": "PNG Reference Library version 2",
        "libselinux-1.0": "libselinux public domain notice",
        libtiff: "libtiff License",
        "libutil-David-Nugent": "libutil David Nugent License",
        "LiLiQ-P-1.1": "Licence Libre du Qu\xE9bec \u2013 Permissive version 1.1",
        "LiLiQ-R-1.1": "Licence Libre du Qu\xE9bec \u2013 R\xE9ciprocit\xE9 version 1.1",
        "LiLiQ-Rplus-1.1": "Licence Libre du Qu\xE9bec \u2013 R\xE9ciprocit\xE9 forte version 1.1",
        "Linux-man-pages-1-para": "Linux man-pages - 1 paragraph",
        "Linux-man-pages-copyleft": "Linux man-pages Copyleft",
        "Linux-man-pages-copyleft-2-para": "Linux man-pages Copyleft - 2 paragraphs",
        "Linux-man-pages-copyleft-var": "Linux man-pages Copyleft Variant",
        "Linux-OpenIB": "Linux Kernel Variant of OpenIB.org license",
        LOOP: "Common Lisp LOOP License",
        "LPD-document": "LPD Documentation License",
        "LPL-1.0": "Lucent Public License Version 1.0",
        "LPL-1.02": "Lucent Public License v1.02",
        "LPPL-1.0": "LaTeX Project Public License v1.0",
        "LPPL-1.1": "LaTeX Project Public License v1.1",
        "LPPL-1.2": "LaTeX Project Public License v1.2",
        "LPPL-1.3a": "LaTeX Project Public License v1.3a",
        "LPPL-1.3c": "LaTeX Project Public License v1.3c",
        lsof: "lsof License",
        "Lucida-Bitmap-Fonts": "Lucida Bitmap Fonts License",
        "LZMA-SDK-9.11-to-9.20": "LZMA SDK License (versions 9.11 to 9.20)",
        "LZMA-SDK-9.22": "LZMA SDK License (versions 9.22 and beyond)",
        "Mackerras-3-Clause": "Mackerras 3-Clause License",
        "Mackerras-3-Clause-acknowledgment": "Mackerras 3-Clause - acknowledgment variant",
        magaz: "magaz License",
        mailprio: "mailprio License",
        MakeIndex: "MakeIndex License",
        man2html: "man2html License",
        "Martin-Birgmeier": "Martin Birgmeier License",
        "McPhee-slideshow": "McPhee Slideshow License",
        metamail: "metamail License",
        Minpack: "Minpack License",
        MIPS: "MIPS License",
        MirOS: "The MirOS Licence",
        MIT: "MIT License",
        "MIT-0": "MIT No Attribution",
        "MIT-advertising": "Enlightenment License (e16)",
        "MIT-Click": "MIT Click License",
        "MIT-CMU": "CMU License",
        "MIT-enna": "enna License",
        "MIT-feh": "feh License",
        "MIT-Festival": "MIT Festival Variant",
        "MIT-Khronos-old": "MIT Khronos - old variant",
        "MIT-Modern-Variant": "MIT License Modern Variant",
        "MIT-open-group": "MIT Open Group variant",
        "MIT-STK": "MIT-STK License",
        "MIT-testregex": "MIT testregex Variant",
        "MIT-Wu": "MIT Tom Wu Variant",
        MITNFA: "MIT +no-false-attribs license",
        MMIXware: "MMIXware License",
        "MMPL-1.0.1": "Minecraft Mod Public License v1.0.1",
        Motosoto: "Motosoto License",
        "MPEG-SSG": "MPEG Software Simulation",
        "mpi-permissive": "mpi Permissive License",
        mpich2: "mpich2 License",
        "MPL-1.0": "Mozilla Public License 1.0",
        "MPL-1.1": "Mozilla Public License 1.1",
        "MPL-2.0": "Mozilla Public License 2.0",
        "MPL-2.0-no-copyleft-exception": "Mozilla Public License 2.0 (no copyleft exception)",
        mplus: "mplus Font License",
        "MS-LPL": "Microsoft Limited Public License",
        "MS-PL": "Microsoft Public License",
        "MS-RL": "Microsoft Reciprocal License",
        MTLL: "Matrix Template Library License",
        "MulanPSL-1.0": "Mulan Permissive Software License, Version 1",
        "MulanPSL-2.0": "Mulan Permissive Software License, Version 2",
        Multics: "Multics License",
        Mup: "Mup License",
        "MVT-1.1": "MVT License 1.1",
        "NAIST-2003": "Nara Institute of Science and Technology License (2003)",
        "NASA-1.3": "NASA Open Source Agreement 1.3",
        Naumen: "Naumen Public License",
        "NBPL-1.0": "Net Boolean Public License v1",
        "NCBI-PD": "NCBI Public Domain Notice",
        "NCGL-UK-2.0": "Non-Commercial Government Licence",
        NCL: "NCL Source Code License",
        NCSA: "University of Illinois/NCSA Open Source License",
        "Net-SNMP": "Net-SNMP License",
        NetCDF: "NetCDF license",
        Newsletr: "Newsletr License",
        NGPL: "Nethack General Public License",
        ngrep: "ngrep License",
        "NICTA-1.0": "NICTA Public Software License, Version 1.0",
        "NIST-PD": "NIST Public Domain Notice",
        "NIST-PD-fallback": "NIST Public Domain Notice with license fallback",
        "NIST-PD-TNT": "NIST    Public Domain Notice TNT variant",
        "NIST-Software": "NIST Software License",
        "NLOD-1.0": "Norwegian Licence for Open Government Data (NLOD) 1.0",
        "NLOD-2.0": "Norwegian Licence for Open Government Data (NLOD) 2.0",
        NLPL: "No Limit Public License",
        Nokia: "Nokia Open Source License",
        NOSL: "Netizen Open Source License",
        Noweb: "Noweb License",
        "NPL-1.0": "Netscape Public License v1.0",
        "NPL-1.1": "Netscape Public License v1.1",
        "NPOSL-3.0": "Non-Profit Open Software License 3.0",
        NRL: "NRL License",
        "NTIA-PD": "NTIA Public Domain Notice",
        NTP: "NTP License",
        "NTP-0": "NTP No Attribution",
        Nunit: "Nunit License",
        "O-UDA-1.0": "Open Use of Data Agreement v1.0",
        OAR: "OAR License",
        "OCCT-PL": "Open CASCADE Technology Public License",
        "OCLC-2.0": "OCLC Research Public License 2.0",
        "ODbL-1.0": "Open Data Commons Open Database License v1.0",
        "ODC-By-1.0": "Open Data Commons Attribution License v1.0",
        OFFIS: "OFFIS License",
        "OFL-1.0": "SIL Open Font License 1.0",
        "OFL-1.0-no-RFN": "SIL Open Font License 1.0 with no Reserved Font Name",
        "OFL-1.0-RFN": "SIL Open Font License 1.0 with Reserved Font Name",
        "OFL-1.1": "SIL Open Font License 1.1",
        "OFL-1.1-no-RFN": "SIL Open Font License 1.1 with no Reserved Font Name",
        "OFL-1.1-RFN": "SIL Open Font License 1.1 with Reserved Font Name",
        "OGC-1.0": "OGC Software License, Version 1.0",
        "OGDL-Taiwan-1.0": "Taiwan Open Government Data License, version 1.0",
        "OGL-Canada-2.0": "Open Government Licence - Canada",
        "OGL-UK-1.0": "Open Government Licence v1.0",
        "OGL-UK-2.0": "Open Government Licence v2.0",
        "OGL-UK-3.0": "Open Government Licence v3.0",
        OGTSL: "Open Group Test Suite License",
        "OLDAP-1.1": "Open LDAP Public License v1.1",
        "OLDAP-1.2": "Open LDAP Public License v1.2",
        "OLDAP-1.3": "Open LDAP Public License v1.3",
        "OLDAP-1.4": "Open LDAP Public License v1.4",
        "OLDAP-2.0": "Open LDAP Public License v2.0 (or possibly 2.0A and 2.0B)",
        "OLDAP-2.0.1": "Open LDAP Public License v2.0.1",
        "OLDAP-2.1": "Open LDAP Public License v2.1",
        "OLDAP-2.2": "Open LDAP Public License v2.2",
        "OLDAP-2.2.1": "Open LDAP Public License v2.2.1",
        "OLDAP-2.2.2": "Open LDAP Public License 2.2.2",
        "OLDAP-2.3": "Open LDAP Public License v2.3",
        "OLDAP-2.4": "Open LDAP Public License v2.4",
        "OLDAP-2.5": "Open LDAP Public License v2.5",
        "OLDAP-2.6": "Open LDAP Public License v2.6",
        "OLDAP-2.7": "Open LDAP Public License v2.7",
        "OLDAP-2.8": "Open LDAP Public License v2.8",
        "OLFL-1.3": "Open Logistics Foundation License Version 1.3",
        OML: "Open Market License",
        "OpenMDW-1.0": "OpenMDW License Agreement v1.0",
        "OpenPBS-2.3": "OpenPBS v2.3 Software License",
        OpenSSL: "OpenSSL License",
        "OpenSSL-standalone": "OpenSSL License - standalone",
        OpenVision: "OpenVision License",
        "OPL-1.0": "Open Public License v1.0",
        "OPL-UK-3.0": "United    Kingdom Open Parliament Licence v3.0",
        "OPUBL-1.0": "Open Publication License v1.0",
        "OSC-1.0": "OSC License 1.0",
        "OSET-PL-2.1": "OSET Public License version 2.1",
        "OSL-1.0": "Open Software License 1.0",
        "OSL-1.1": "Open Software License 1.1",
        "OSL-2.0": "Open Software License 2.0",
        "OSL-2.1": "Open Software License 2.1",
        "OSL-3.0": "Open Software License 3.0",
        OSSP: "OSSP License",
        PADL: "PADL License",
        "ParaType-Free-Font-1.3": "ParaType Free Font Licensing Agreement v1.3",
        "Parity-6.0.0": "The Parity Public License 6.0.0",
        "Parity-7.0.0": "The Parity Public License 7.0.0",
        "PDDL-1.0": "Open Data Commons Public Domain Dedication & License 1.0",
        "PHP-3.0": "PHP License v3.0",
        "PHP-3.01": "PHP License v3.01",
        Pixar: "Pixar License",
        pkgconf: "pkgconf License",
        Plexus: "Plexus Classworlds License",
        pnmstitch: "pnmstitch License",
        "PolyForm-Noncommercial-1.0.0": "PolyForm Noncommercial License 1.0.0",
        "PolyForm-Small-Business-1.0.0": "PolyForm Small Business License 1.0.0",
        PostgreSQL: "PostgreSQL License",
        PPL: "Peer Production License",
        "PSF-2.0": "Python Software Foundation License 2.0",
        psfrag: "psfrag License",
        psutils: "psutils License",
        "Python-2.0": "Python License 2.0",
        "Python-2.0.1": "Python License 2.0.1",
        "python-ldap": "Python ldap License",
        Qhull: "Qhull License",
        "QPL-1.0": "Q Public License 1.0",
        "QPL-1.0-INRIA-2004": "Q Public License 1.0 - INRIA 2004 variant",
        radvd: "radvd License",
        Rdisc: "Rdisc License",
        "RHeCos-1.1": "Red Hat eCos Public License v1.1",
        "RPL-1.1": "Reciprocal Public License 1.1",
        "RPL-1.5": "Reciprocal Public License 1.5",
        "RPSL-1.0": "RealNetworks Public Source License v1.0",
        "RSA-MD": "RSA Message-Digest License",
        RSCPL: "Ricoh Source Code Public License",
        Ruby: "Ruby License",
        "Ruby-pty": "Ruby pty extension license",
        "SAX-PD": "Sax Public Domain Notice",
        "SAX-PD-2.0": "Sax Public Domain Notice 2.0",
        Saxpath: "Saxpath License",
        SCEA: "SCEA Shared Source License",
        SchemeReport: "Scheme Language Report License",
        Sendmail: "Sendmail License",
        "Sendmail-8.23": "Sendmail License 8.23",
        "Sendmail-Open-Source-1.1": "Sendmail Open Source License v1.1",
        "SGI-B-1.0": "SGI Free Software License B v1.0",
        "SGI-B-1.1": "SGI Free Software License B v1.1",
        "SGI-B-2.0": "SGI Free Software License B v2.0",
        "SGI-OpenGL": "SGI OpenGL License",
        "SGMLUG-PM": "SGMLUG Parser Materials License",
        SGP4: "SGP4 Permission Notice",
        "SHL-0.5": "Solderpad Hardware License v0.5",
        "SHL-0.51": "Solderpad Hardware License, Version 0.51",
        "SimPL-2.0": "Simple Public License 2.0",
        SISSL: "Sun Industry Standards Source License v1.1",
        "SISSL-1.2": "Sun Industry Standards Source License v1.2",
        SL: "SL License",
        Sleepycat: "Sleepycat License",
        "SMAIL-GPL": "SMAIL General Public License",
        SMLNJ: "Standard ML of New Jersey License",
        SMPPL: "Secure Messaging Protocol Public License",
        SNIA: "SNIA Public License 1.1",
        snprintf: "snprintf License",
        SOFA: "SOFA Software License",
        softSurfer: "softSurfer License",
        Soundex: "Soundex License",
        "Spencer-86": "Spencer License 86",
        "Spencer-94": "Spencer License 94",
        "Spencer-99": "Spencer License 99",
        "SPL-1.0": "Sun Public License v1.0",
        "ssh-keyscan": "ssh-keyscan License",
        "SSH-OpenSSH": "SSH OpenSSH license",
        "SSH-short": "SSH short notice",
        "SSLeay-standalone": "SSLeay License - standalone",
        "SSPL-1.0": "Server Side Public License, v 1",
        "StandardML-NJ": "Standard ML of New Jersey License",
        "SugarCRM-1.1.3": "SugarCRM Public License v1.1.3",
        "SUL-1.0": "Sustainable Use License v1.0",
        "Sun-PPP": "Sun PPP License",
        "Sun-PPP-2000": "Sun PPP License (2000)",
        SunPro: "SunPro License",
        SWL: "Scheme Widget Library (SWL) Software License Agreement",
        swrule: "swrule License",
        Symlinks: "Symlinks License",
        "TAPR-OHL-1.0": "TAPR Open Hardware License v1.0",
        TCL: "TCL/TK License",
        "TCP-wrappers": "TCP Wrappers License",
        TekHVC: "TekHVC License",
        TermReadKey: "TermReadKey License",
        "TGPPL-1.0": "Transitive Grace Period Public Licence 1.0",
        ThirdEye: "ThirdEye License",
        threeparttable: "threeparttable License",
        TMate: "TMate Open Source License",
        "TORQUE-1.1": "TORQUE v2.5+ Software License v1.1",
        TOSL: "Trusster Open Source License",
        TPDL: "Time::ParseDate License",
        "TPL-1.0": "THOR Public License 1.0",
        TrustedQSL: "TrustedQSL License",
        TTWL: "Text-Tabs+Wrap License",
        TTYP0: "TTYP0 License",
        "TU-Berlin-1.0": "Technische Universitaet Berlin License 1.0",
        "TU-Berlin-2.0": "Technische Universitaet Berlin License 2.0",
        "Ubuntu-font-1.0": "Ubuntu Font Licence v1.0",
        UCAR: "UCAR License",
        "UCL-1.0": "Upstream Compatibility License v1.0",
        ulem: "ulem License",
        "UMich-Merit": "Michigan/Merit Networks License",
        "Unicode-3.0": "Unicode License v3",
        "Unicode-DFS-2015": "Unicode License Agreement - Data Files and Software (2015)",
        "Unicode-DFS-2016": "Unicode License Agreement - Data Files and Software (2016)",
        "Unicode-TOU": "Unicode Terms of Use",
        UnixCrypt: "UnixCrypt License",
        Unlicense: "The Unlicense",
        "Unlicense-libtelnet": "Unlicense - libtelnet variant",
        "Unlicense-libwhirlpool": "Unlicense - libwhirlpool variant",
        UnRAR: "UnRAR License",
        "UPL-1.0": "Universal Permissive License v1.0",
        "URT-RLE": "Utah Raster Toolkit Run Length Encoded License",
        Vim: "Vim License",
        "Vixie-Cron": "Vixie Cron License",
        VOSTROM: "VOSTROM Public License for Open Source",
        "VSL-1.0": "Vovida Software License v1.0",
        W3C: "W3C Software Notice and License (2002-12-31)",
        "W3C-19980720": "W3C Software Notice and License (1998-07-20)",
        "W3C-20150513": "W3C Software Notice and Document License (2015-05-13)",
        w3m: "w3m License",
        "Watcom-1.0": "Sybase Open Watcom Public License 1.0",
        "Widget-Workshop": "Widget Workshop License",
        WordNet: "WordNet License",
        Wsuipa: "Wsuipa License",
        WTFNMFPL: "Do What The F*ck You Want To But It's Not My Fault Public License",
        WTFPL: "Do What The F*ck You Want To Public License",
        wwl: "WWL License",
        wxWindows: "wxWindows Library License",
        X11: "X11 License",
        "X11-distribute-modifications-variant": "X11 License Distribution Modification Variant",
        "X11-no-permit-persons": "X11 no permit persons clause",
        "X11-swapped": "X11 swapped final paragraphs",
        "Xdebug-1.03": "Xdebug License v 1.03",
        Xerox: "Xerox License",
        Xfig: "Xfig License",
        "XFree86-1.1": "XFree86 License 1.1",
        xinetd: "xinetd License",
        "xkeyboard-config-Zinoviev": "xkeyboard-config Zinoviev License",
        xlock: "xlock License",
        Xnet: "X.Net License",
        xpp: "XPP License",
        XSkat: "XSkat License",
        xzoom: "xzoom License",
        "YPL-1.0": "Yahoo! Public License v1.0",
        "YPL-1.1": "Yahoo! Public License v1.1",
        Zed: "Zed License",
        Zeeff: "Zeeff License",
        "Zend-2.0": "Zend License v2.0",
        "Zimbra-1.3": "Zimbra Public License v1.3",
        "Zimbra-1.4": "Zimbra Public License v1.4",
        Zlib: "zlib License",
        "zlib-acknowledgement": "zlib/libpng License with Acknowledgement",
        "ZPL-1.1": "Zope Public License 1.1",
        "ZPL-2.0": "Zope Public License 2.0",
        "ZPL-2.1": "Zope Public License 2.1",
        "389-exception": "389 Directory Server Exception",
        "Asterisk-exception": "Asterisk exception",
        "Asterisk-linking-protocols-exception": "Asterisk linking protocols exception",
        "Autoconf-exception-2.0": "Autoconf exception 2.0",
        "Autoconf-exception-3.0": "Autoconf exception 3.0",
        "Autoconf-exception-generic": "Autoconf generic exception",
        "Autoconf-exception-generic-3.0": "Autoconf generic exception for GPL-3.0",
        "Autoconf-exception-macro": "Autoconf macro exception",
        "Bison-exception-1.24": "Bison exception 1.24",
        "Bison-exception-2.2": "Bison exception 2.2",
        "Bootloader-exception": "Bootloader Distribution Exception",
        "CGAL-linking-exception": "CGAL Linking Exception",
        "Classpath-exception-2.0": "Classpath exception 2.0",
        "Classpath-exception-2.0-short": "Classpath exception 2.0 - short",
        "CLISP-exception-2.0": "CLISP exception 2.0",
        "cryptsetup-OpenSSL-exception": "cryptsetup OpenSSL exception",
        "Digia-Qt-LGPL-exception-1.1": "Digia Qt LGPL Exception version 1.1",
        "DigiRule-FOSS-exception": "DigiRule FOSS License Exception",
        "eCos-exception-2.0": "eCos exception 2.0",
        "erlang-otp-linking-exception": "Erlang/OTP Linking Exception",
        "Fawkes-Runtime-exception": "Fawkes Runtime Exception",
        "FLTK-exception": "FLTK exception",
        "fmt-exception": "fmt exception",
        "Font-exception-2.0": "Font exception 2.0",
        "freertos-exception-2.0": "FreeRTOS Exception 2.0",
        "GCC-exception-2.0": "GCC Runtime Library exception 2.0",
        "GCC-exception-2.0-note": "GCC    Runtime Library exception 2.0 - note variant",
        "GCC-exception-3.1": "GCC Runtime Library exception 3.1",
        "Gmsh-exception": "Gmsh exception",
        "GNAT-exception": "GNAT exception",
        "GNOME-examples-exception": "GNOME examples exception",
        "GNU-compiler-exception": "GNU Compiler Exception",
        "gnu-javamail-exception": "GNU JavaMail exception",
        "Google-Patent-WebM": "Google Additional IP Rights Grant (Patents) - WebM",
        "GPL-3.0-389-ds-base-exception": "GPL-3.0 389 DS Base Exception",
        "GPL-3.0-interface-exception": "GPL-3.0 Interface Exception",
        "GPL-3.0-linking-exception": "GPL-3.0 Linking Exception",
        "GPL-3.0-linking-source-exception": "GPL-3.0 Linking Exception (with Corresponding Source)",
        "GPL-CC-1.0": "GPL Cooperation Commitment 1.0",
        "GStreamer-exception-2005": "GStreamer Exception (2005)",
        "GStreamer-exception-2008": "GStreamer Exception (2008)",
        "harbour-exception": "harbour exception",
        "i2p-gpl-java-exception": "i2p GPL+Java Exception",
        "Independent-modules-exception": "Independent Module Linking exception",
        "KiCad-libraries-exception": "KiCad Libraries Exception",
        "kvirc-openssl-exception": "kvirc OpenSSL Exception",
        "LGPL-3.0-linking-exception": "LGPL-3.0 Linking Exception",
        "libpri-OpenH323-exception": "libpri OpenH323 exception",
        "Libtool-exception": "Libtool Exception",
        "Linux-syscall-note": "Linux Syscall Note",
        LLGPL: "LLGPL Preamble",
        "LLVM-exception": "LLVM Exception",
        "LZMA-exception": "LZMA exception",
        "mif-exception": "Macros and Inline Functions Exception",
        "mxml-exception": "mxml Exception",
        "Nokia-Qt-exception-1.1": "Nokia Qt LGPL exception 1.1",
        "OCaml-LGPL-linking-exception": "OCaml LGPL Linking Exception",
        "OCCT-exception-1.0": "Open CASCADE Exception 1.0",
        "OpenJDK-assembly-exception-1.0": "OpenJDK Assembly exception 1.0",
        "openvpn-openssl-exception": "OpenVPN OpenSSL Exception",
        "PCRE2-exception": "PCRE2 exception",
        "polyparse-exception": "Polyparse Exception",
        "PS-or-PDF-font-exception-20170817": "PS/PDF font exception (2017-08-17)",
        "QPL-1.0-INRIA-2004-exception": "INRIA QPL 1.0 2004 variant exception",
        "Qt-GPL-exception-1.0": "Qt GPL exception 1.0",
        "Qt-LGPL-exception-1.1": "Qt LGPL exception 1.1",
        "Qwt-exception-1.0": "Qwt exception 1.0",
        "romic-exception": "Romic Exception",
        "RRDtool-FLOSS-exception-2.0": "RRDtool FLOSS exception 2.0",
        "rsync-linking-exception": "rsync Linking Exception",
        "SANE-exception": "SANE Exception",
        "SHL-2.0": "Solderpad Hardware License v2.0",
        "SHL-2.1": "Solderpad Hardware License v2.1",
        "Simple-Library-Usage-exception": "Simple Library Usage Exception",
        "Spelling-Provider-LGPL-exception": "Spelling Provider LGPL exception",
        "sqlitestudio-OpenSSL-exception": "sqlitestudio OpenSSL exception",
        "stunnel-exception": "stunnel Exception",
        "SWI-exception": "SWI exception",
        "Swift-exception": "Swift Exception",
        "Texinfo-exception": "Texinfo exception",
        "u-boot-exception-2.0": "U-Boot exception 2.0",
        "UBDL-exception": "Unmodified Binary Distribution exception",
        "Universal-FOSS-exception-1.0": "Universal FOSS Exception, Version 1.0",
        "vsftpd-openssl-exception": "vsftpd OpenSSL exception",
        "WxWindows-exception-3.1": "WxWindows Library Exception 3.1",
        "x11vnc-openssl-exception": "x11vnc OpenSSL Exception"
      }
    };
  }
});

// node_modules/@cyclonedx/cyclonedx-library/dist.node/spdx.js
var require_spdx = __commonJS({
  "node_modules/@cyclonedx/cyclonedx-library/dist.node/spdx.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.isSupportedSpdxId = isSupportedSpdxId2;
    exports.fixupSpdxId = fixupSpdxId;
    var spdx_SNAPSHOT_schema_json_1 = require_spdx_SNAPSHOT_schema();
    var spdxIds = new Set(spdx_SNAPSHOT_schema_json_1.enum);
    var spdxLowerToActual = Object.freeze(Object.fromEntries(spdx_SNAPSHOT_schema_json_1.enum.map((spdxId) => [spdxId.toLowerCase(), spdxId])));
    function isSupportedSpdxId2(value) {
      return spdxIds.has(value);
    }
    function fixupSpdxId(value) {
      return typeof value === "string" && value.length > 0 ? spdxLowerToActual[value.toLowerCase()] : void 0;
    }
  }
});

// node_modules/@cyclonedx/cyclonedx-library/dist.node/serialize/bomRefDiscriminator.js
var require_bomRefDiscriminator = __commonJS({
  "node_modules/@cyclonedx/cyclonedx-library/dist.node/serialize/bomRefDiscriminator.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.BomRefDiscriminator = void 0;
    var BomRefDiscriminator = class {
      #originalValues;
      #prefix;
      constructor(bomRefs, prefix = "BomRef") {
        this.#originalValues = Array.from(bomRefs, (r) => [r, r.value]);
        this.#prefix = prefix;
      }
      get prefix() {
        return this.#prefix;
      }
      *[Symbol.iterator]() {
        for (const [bomRef] of this.#originalValues) {
          yield bomRef;
        }
      }
      discriminate() {
        const knownRefValues = /* @__PURE__ */ new Set([""]);
        for (const [bomRef] of this.#originalValues) {
          let value = bomRef.value;
          if (value === void 0 || knownRefValues.has(value)) {
            value = this.#makeUniqueId();
            bomRef.value = value;
          }
          knownRefValues.add(value);
        }
      }
      reset() {
        for (const [bomRef, originalValue] of this.#originalValues) {
          bomRef.value = originalValue;
        }
      }
      #makeUniqueId() {
        return `${this.#prefix}${Math.random().toString(32).substring(1)}${Math.random().toString(32).substring(1)}`;
      }
    };
    exports.BomRefDiscriminator = BomRefDiscriminator;
  }
});

// node_modules/@cyclonedx/cyclonedx-library/dist.node/_optPlug.node/errors.js
var require_errors = __commonJS({
  "node_modules/@cyclonedx/cyclonedx-library/dist.node/_optPlug.node/errors.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.OptPlugError = void 0;
    var OptPlugError = class extends Error {
      cause;
      constructor(message, cause) {
        super(message);
        this.cause = cause;
      }
    };
    exports.OptPlugError = OptPlugError;
  }
});

// node_modules/@cyclonedx/cyclonedx-library/dist.node/serialize/errors.js
var require_errors2 = __commonJS({
  "node_modules/@cyclonedx/cyclonedx-library/dist.node/serialize/errors.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.MissingOptionalDependencyError = void 0;
    var errors_1 = require_errors();
    var MissingOptionalDependencyError = class extends errors_1.OptPlugError {
    };
    exports.MissingOptionalDependencyError = MissingOptionalDependencyError;
  }
});

// node_modules/@cyclonedx/cyclonedx-library/dist.node/serialize/types.js
var require_types = __commonJS({
  "node_modules/@cyclonedx/cyclonedx-library/dist.node/serialize/types.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
  }
});

// node_modules/@cyclonedx/cyclonedx-library/dist.node/serialize/baseSerializer.js
var require_baseSerializer = __commonJS({
  "node_modules/@cyclonedx/cyclonedx-library/dist.node/serialize/baseSerializer.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.BaseSerializer = void 0;
    var tree_1 = require_tree();
    var bomRefDiscriminator_1 = require_bomRefDiscriminator();
    var BaseSerializer = class {
      *#getAllBomRefs(bom) {
        if (bom.metadata.component !== void 0) {
          yield bom.metadata.component.bomRef;
          for (const { bomRef } of bom.metadata.component.components[tree_1.treeIteratorSymbol]()) {
            yield bomRef;
          }
        }
        for (const { bomRef } of bom.components[tree_1.treeIteratorSymbol]()) {
          yield bomRef;
        }
        for (const { bomRef } of bom.services[tree_1.treeIteratorSymbol]()) {
          yield bomRef;
        }
        for (const { bomRef } of bom.vulnerabilities) {
          yield bomRef;
        }
      }
      #normalize(bom, options) {
        const bomRefDiscriminator = new bomRefDiscriminator_1.BomRefDiscriminator(this.#getAllBomRefs(bom));
        bomRefDiscriminator.discriminate();
        try {
          return this._normalize(bom, options);
        } finally {
          bomRefDiscriminator.reset();
        }
      }
      serialize(bom, options) {
        return this._serialize(this.#normalize(bom, options), options);
      }
    };
    exports.BaseSerializer = BaseSerializer;
  }
});

// node_modules/@cyclonedx/cyclonedx-library/dist.node/_helpers/iterable.js
var require_iterable = __commonJS({
  "node_modules/@cyclonedx/cyclonedx-library/dist.node/_helpers/iterable.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.chainI = chainI;
    function* chainI(...iterables) {
      for (const iterable of iterables) {
        yield* iterable;
      }
    }
  }
});

// node_modules/@cyclonedx/cyclonedx-library/dist.node/_helpers/notUndefined.js
var require_notUndefined = __commonJS({
  "node_modules/@cyclonedx/cyclonedx-library/dist.node/_helpers/notUndefined.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.isNotUndefined = isNotUndefined;
    function isNotUndefined(value) {
      return value !== void 0;
    }
  }
});

// node_modules/@cyclonedx/cyclonedx-library/dist.node/_helpers/uri.js
var require_uri = __commonJS({
  "node_modules/@cyclonedx/cyclonedx-library/dist.node/_helpers/uri.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.escapeUri = escapeUri;
    var _ESCAPES = [
      [/ /g, "%20"],
      [/"/g, "%22"],
      [/'/g, "%27"],
      [/\[/g, "%5B"],
      [/]/g, "%5D"],
      [/</g, "%3C"],
      [/>/g, "%3E"],
      [/\{/g, "%7B"],
      [/}/g, "%7D"]
    ];
    function escapeUri(value) {
      if (value === void 0) {
        return value;
      }
      for (const [s, r] of _ESCAPES) {
        value = value.replace(s, r);
      }
      return value;
    }
  }
});

// node_modules/@cyclonedx/cyclonedx-library/dist.node/spec/enums.js
var require_enums2 = __commonJS({
  "node_modules/@cyclonedx/cyclonedx-library/dist.node/spec/enums.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.Format = exports.Version = void 0;
    var Version;
    (function(Version2) {
      Version2["v1dot7"] = "1.7";
      Version2["v1dot6"] = "1.6";
      Version2["v1dot5"] = "1.5";
      Version2["v1dot4"] = "1.4";
      Version2["v1dot3"] = "1.3";
      Version2["v1dot2"] = "1.2";
      Version2["v1dot1"] = "1.1";
      Version2["v1dot0"] = "1.0";
    })(Version || (exports.Version = Version = {}));
    var Format;
    (function(Format2) {
      Format2["XML"] = "xml";
      Format2["JSON"] = "json";
    })(Format || (exports.Format = Format = {}));
  }
});

// node_modules/@cyclonedx/cyclonedx-library/dist.node/serialize/json/types.js
var require_types2 = __commonJS({
  "node_modules/@cyclonedx/cyclonedx-library/dist.node/serialize/json/types.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.JsonSchema = void 0;
    var JsonSchema;
    (function(JsonSchema2) {
      function isIriReference(value) {
        return typeof value === "string" && value.length > 0;
      }
      JsonSchema2.isIriReference = isIriReference;
      function isIdnEmail(value) {
        return typeof value === "string" && value.length > 0;
      }
      JsonSchema2.isIdnEmail = isIdnEmail;
    })(JsonSchema || (exports.JsonSchema = JsonSchema = {}));
  }
});

// node_modules/@cyclonedx/cyclonedx-library/dist.node/serialize/json/normalize.js
var require_normalize = __commonJS({
  "node_modules/@cyclonedx/cyclonedx-library/dist.node/serialize/json/normalize.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.VulnerabilityAnalysisNormalizer = exports.VulnerabilityAffectedVersionNormalizer = exports.VulnerabilityAffectNormalizer = exports.VulnerabilityCreditsNormalizer = exports.VulnerabilityAdvisoryNormalizer = exports.VulnerabilityRatingNormalizer = exports.VulnerabilityReferenceNormalizer = exports.VulnerabilitySourceNormalizer = exports.VulnerabilityNormalizer = exports.DependencyGraphNormalizer = exports.PropertyNormalizer = exports.AttachmentNormalizer = exports.ExternalReferenceNormalizer = exports.SWIDNormalizer = exports.LicenseNormalizer = exports.ComponentEvidenceNormalizer = exports.ServiceNormalizer = exports.ComponentNormalizer = exports.OrganizationalEntityNormalizer = exports.OrganizationalContactNormalizer = exports.HashNormalizer = exports.ToolsNormalizer = exports.ToolNormalizer = exports.LifecycleNormalizer = exports.MetadataNormalizer = exports.BomNormalizer = exports.Factory = void 0;
    var iterable_1 = require_iterable();
    var notUndefined_1 = require_notUndefined();
    var tree_1 = require_tree();
    var uri_1 = require_uri();
    var license_1 = require_license();
    var lifecycle_1 = require_lifecycle();
    var tool_1 = require_tool();
    var affect_1 = require_affect();
    var spdx_1 = require_spdx();
    var enums_1 = require_enums2();
    var types_1 = require_types2();
    var Factory = class {
      #spec;
      constructor(spec) {
        this.#spec = spec;
      }
      get spec() {
        return this.#spec;
      }
      makeForBom() {
        return new BomNormalizer(this);
      }
      makeForMetadata() {
        return new MetadataNormalizer(this);
      }
      makeForComponent() {
        return new ComponentNormalizer(this);
      }
      makeForService() {
        return new ServiceNormalizer(this);
      }
      makeForComponentEvidence() {
        return new ComponentEvidenceNormalizer(this);
      }
      makeForLifecycle() {
        return new LifecycleNormalizer(this);
      }
      makeForTool() {
        return new ToolNormalizer(this);
      }
      makeForTools() {
        return new ToolsNormalizer(this);
      }
      makeForOrganizationalContact() {
        return new OrganizationalContactNormalizer(this);
      }
      makeForOrganizationalEntity() {
        return new OrganizationalEntityNormalizer(this);
      }
      makeForHash() {
        return new HashNormalizer(this);
      }
      makeForLicense() {
        return new LicenseNormalizer(this);
      }
      makeForSWID() {
        return new SWIDNormalizer(this);
      }
      makeForExternalReference() {
        return new ExternalReferenceNormalizer(this);
      }
      makeForAttachment() {
        return new AttachmentNormalizer(this);
      }
      makeForProperty() {
        return new PropertyNormalizer(this);
      }
      makeForDependencyGraph() {
        return new DependencyGraphNormalizer(this);
      }
      makeForVulnerability() {
        return new VulnerabilityNormalizer(this);
      }
      makeForVulnerabilitySource() {
        return new VulnerabilitySourceNormalizer(this);
      }
      makeForVulnerabilityReference() {
        return new VulnerabilityReferenceNormalizer(this);
      }
      makeForVulnerabilityRating() {
        return new VulnerabilityRatingNormalizer(this);
      }
      makeForVulnerabilityAdvisory() {
        return new VulnerabilityAdvisoryNormalizer(this);
      }
      makeForVulnerabilityCredits() {
        return new VulnerabilityCreditsNormalizer(this);
      }
      makeForVulnerabilityAffect() {
        return new VulnerabilityAffectNormalizer(this);
      }
      makeForVulnerabilityAffectedVersion() {
        return new VulnerabilityAffectedVersionNormalizer(this);
      }
      makeForVulnerabilityAnalysis() {
        return new VulnerabilityAnalysisNormalizer(this);
      }
    };
    exports.Factory = Factory;
    var schemaUrl = /* @__PURE__ */ new Map([
      [enums_1.Version.v1dot7, "http://cyclonedx.org/schema/bom-1.7.schema.json"],
      [enums_1.Version.v1dot6, "http://cyclonedx.org/schema/bom-1.6.schema.json"],
      [enums_1.Version.v1dot5, "http://cyclonedx.org/schema/bom-1.5.schema.json"],
      [enums_1.Version.v1dot4, "http://cyclonedx.org/schema/bom-1.4.schema.json"],
      [enums_1.Version.v1dot3, "http://cyclonedx.org/schema/bom-1.3a.schema.json"],
      [enums_1.Version.v1dot2, "http://cyclonedx.org/schema/bom-1.2b.schema.json"]
    ]);
    var BaseJsonNormalizer = class {
      _factory;
      constructor(factory) {
        this._factory = factory;
      }
      get factory() {
        return this._factory;
      }
    };
    var BomNormalizer = class extends BaseJsonNormalizer {
      normalize(data, options) {
        return {
          $schema: schemaUrl.get(this._factory.spec.version),
          bomFormat: "CycloneDX",
          specVersion: this._factory.spec.version,
          version: data.version,
          serialNumber: this.#isEligibleSerialNumber(data.serialNumber) ? data.serialNumber : void 0,
          metadata: this._factory.makeForMetadata().normalize(data.metadata, options),
          components: data.components.size > 0 ? this._factory.makeForComponent().normalizeIterable(data.components, options) : [],
          services: this._factory.spec.supportsServices && data.services.size > 0 ? this._factory.makeForService().normalizeIterable(data.services, options) : void 0,
          dependencies: this._factory.spec.supportsDependencyGraph ? this._factory.makeForDependencyGraph().normalize(data, options) : void 0,
          vulnerabilities: this._factory.spec.supportsVulnerabilities && data.vulnerabilities.size > 0 ? this._factory.makeForVulnerability().normalizeIterable(data.vulnerabilities, options) : void 0
        };
      }
      #isEligibleSerialNumber(v) {
        return v !== void 0 && /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(v);
      }
    };
    exports.BomNormalizer = BomNormalizer;
    var MetadataNormalizer = class extends BaseJsonNormalizer {
      normalize(data, options) {
        const orgEntityNormalizer = this._factory.makeForOrganizationalEntity();
        return {
          timestamp: data.timestamp?.toISOString(),
          lifecycles: this._factory.spec.supportsMetadataLifecycles && data.lifecycles.size > 0 ? this._factory.makeForLifecycle().normalizeIterable(data.lifecycles, options) : void 0,
          tools: data.tools.size > 0 ? this._factory.makeForTools().normalize(data.tools, options) : void 0,
          authors: data.authors.size > 0 ? this._factory.makeForOrganizationalContact().normalizeIterable(data.authors, options) : void 0,
          component: data.component === void 0 ? void 0 : this._factory.makeForComponent().normalize(data.component, options),
          manufacture: data.manufacture === void 0 ? void 0 : orgEntityNormalizer.normalize(data.manufacture, options),
          supplier: data.supplier === void 0 ? void 0 : orgEntityNormalizer.normalize(data.supplier, options),
          licenses: this._factory.spec.supportsMetadataLicenses && data.licenses.size > 0 ? this._factory.makeForLicense().normalizeIterable(data.licenses, options) : void 0,
          properties: this._factory.spec.supportsMetadataProperties && data.properties.size > 0 ? this._factory.makeForProperty().normalizeIterable(data.properties, options) : void 0
        };
      }
    };
    exports.MetadataNormalizer = MetadataNormalizer;
    var LifecycleNormalizer = class extends BaseJsonNormalizer {
      normalize(data, options) {
        return data instanceof lifecycle_1.NamedLifecycle ? { name: data.name, description: data.description } : { phase: data };
      }
      normalizeIterable(data, options) {
        return (options.sortLists ?? false ? data.sorted() : Array.from(data)).map((lc) => this.normalize(lc, options));
      }
    };
    exports.LifecycleNormalizer = LifecycleNormalizer;
    var ToolNormalizer = class extends BaseJsonNormalizer {
      normalize(data, options) {
        return {
          vendor: data.vendor || void 0,
          name: data.name || void 0,
          version: data.version || void 0,
          hashes: data.hashes.size > 0 ? this._factory.makeForHash().normalizeIterable(data.hashes, options) : void 0,
          externalReferences: this._factory.spec.supportsToolReferences && data.externalReferences.size > 0 ? this._factory.makeForExternalReference().normalizeIterable(data.externalReferences, options) : void 0
        };
      }
      normalizeIterable(data, options) {
        return (options.sortLists ?? false ? data.sorted() : Array.from(data)).map((t) => this.normalize(t, options));
      }
    };
    exports.ToolNormalizer = ToolNormalizer;
    var ToolsNormalizer = class extends BaseJsonNormalizer {
      normalize(data, options) {
        if (data.tools.size > 0 || !this._factory.spec.supportsToolsComponentsServices) {
          return this._factory.makeForTool().normalizeIterable(new tool_1.ToolRepository((0, iterable_1.chainI)(Array.from(data.components, tool_1.Tool.fromComponent), Array.from(data.services, tool_1.Tool.fromService), data.tools)), options);
        }
        return {
          components: data.components.size > 0 ? this._factory.makeForComponent().normalizeIterable(data.components, options) : void 0,
          services: data.services.size > 0 ? this._factory.makeForService().normalizeIterable(data.services, options) : void 0
        };
      }
    };
    exports.ToolsNormalizer = ToolsNormalizer;
    var HashNormalizer = class extends BaseJsonNormalizer {
      normalize([algorithm, content], options) {
        const spec = this._factory.spec;
        return spec.supportsHashAlgorithm(algorithm) && spec.supportsHashValue(content) ? {
          alg: algorithm,
          content
        } : void 0;
      }
      normalizeIterable(data, options) {
        return (options.sortLists ?? false ? data.sorted() : Array.from(data)).map((h) => this.normalize(h, options)).filter(notUndefined_1.isNotUndefined);
      }
    };
    exports.HashNormalizer = HashNormalizer;
    var OrganizationalContactNormalizer = class extends BaseJsonNormalizer {
      normalize(data, options) {
        return {
          name: data.name || void 0,
          email: types_1.JsonSchema.isIdnEmail(data.email) ? data.email : void 0,
          phone: data.phone || void 0
        };
      }
      normalizeIterable(data, options) {
        return (options.sortLists ?? false ? data.sorted() : Array.from(data)).map((oc) => this.normalize(oc, options));
      }
    };
    exports.OrganizationalContactNormalizer = OrganizationalContactNormalizer;
    var OrganizationalEntityNormalizer = class extends BaseJsonNormalizer {
      normalize(data, options) {
        const urls = normalizeStringableIter(Array.from(data.url, (s) => (0, uri_1.escapeUri)(s.toString())), options).filter(types_1.JsonSchema.isIriReference);
        return {
          name: data.name || void 0,
          url: urls.length > 0 ? urls : void 0,
          contact: data.contact.size > 0 ? this._factory.makeForOrganizationalContact().normalizeIterable(data.contact, options) : void 0
        };
      }
      normalizeIterable(data, options) {
        return (options.sortLists ?? false ? data.sorted() : Array.from(data)).map((oe) => this.normalize(oe, options));
      }
    };
    exports.OrganizationalEntityNormalizer = OrganizationalEntityNormalizer;
    var ComponentNormalizer = class extends BaseJsonNormalizer {
      normalize(data, options) {
        const spec = this._factory.spec;
        if (!spec.supportsComponentType(data.type)) {
          return void 0;
        }
        const version = data.version ?? "";
        return {
          type: data.type,
          name: data.name,
          group: data.group || void 0,
          version: version.length > 0 || spec.requiresComponentVersion ? version : void 0,
          "bom-ref": data.bomRef.value || void 0,
          supplier: data.supplier === void 0 ? void 0 : this._factory.makeForOrganizationalEntity().normalize(data.supplier, options),
          author: data.author || void 0,
          publisher: data.publisher || void 0,
          description: data.description || void 0,
          scope: data.scope,
          hashes: data.hashes.size > 0 ? this._factory.makeForHash().normalizeIterable(data.hashes, options) : void 0,
          licenses: data.licenses.size > 0 ? this._factory.makeForLicense().normalizeIterable(data.licenses, options) : void 0,
          copyright: data.copyright?.toString() || void 0,
          cpe: data.cpe || void 0,
          purl: data.purl?.toString(),
          swid: data.swid === void 0 ? void 0 : this._factory.makeForSWID().normalize(data.swid, options),
          externalReferences: data.externalReferences.size > 0 ? this._factory.makeForExternalReference().normalizeIterable(data.externalReferences, options) : void 0,
          properties: spec.supportsProperties(data) && data.properties.size > 0 ? this._factory.makeForProperty().normalizeIterable(data.properties, options) : void 0,
          components: data.components.size > 0 ? this.normalizeIterable(data.components, options) : void 0,
          evidence: spec.supportsComponentEvidence && data.evidence !== void 0 ? this._factory.makeForComponentEvidence().normalize(data.evidence, options) : void 0
        };
      }
      normalizeIterable(data, options) {
        return (options.sortLists ?? false ? data.sorted() : Array.from(data)).map((c) => this.normalize(c, options)).filter(notUndefined_1.isNotUndefined);
      }
    };
    exports.ComponentNormalizer = ComponentNormalizer;
    var ServiceNormalizer = class extends BaseJsonNormalizer {
      normalize(data, options) {
        const spec = this._factory.spec;
        return {
          "bom-ref": data.bomRef.value || void 0,
          provider: data.provider ? this._factory.makeForOrganizationalEntity().normalize(data.provider, options) : void 0,
          group: data.group,
          name: data.name,
          version: data.version || void 0,
          description: data.description || void 0,
          licenses: data.licenses.size > 0 ? this._factory.makeForLicense().normalizeIterable(data.licenses, options) : void 0,
          externalReferences: data.externalReferences.size > 0 ? this._factory.makeForExternalReference().normalizeIterable(data.externalReferences, options) : void 0,
          services: data.services.size > 0 ? this._factory.makeForService().normalizeIterable(data.services, options) : void 0,
          properties: spec.supportsProperties(data) && data.properties.size > 0 ? this._factory.makeForProperty().normalizeIterable(data.properties, options) : void 0
        };
      }
      normalizeIterable(data, options) {
        return (options.sortLists ?? false ? data.sorted() : Array.from(data)).map((s) => this.normalize(s, options));
      }
    };
    exports.ServiceNormalizer = ServiceNormalizer;
    var ComponentEvidenceNormalizer = class _ComponentEvidenceNormalizer extends BaseJsonNormalizer {
      normalize(data, options) {
        return {
          licenses: data.licenses.size > 0 ? this._factory.makeForLicense().normalizeIterable(data.licenses, options) : void 0,
          copyright: data.copyright.size > 0 ? options.sortLists ? data.copyright.sorted().map(_ComponentEvidenceNormalizer.#normalizeCopyright) : Array.from(data.copyright, _ComponentEvidenceNormalizer.#normalizeCopyright) : void 0
        };
      }
      static #normalizeCopyright(c) {
        return { text: c.toString() };
      }
    };
    exports.ComponentEvidenceNormalizer = ComponentEvidenceNormalizer;
    var LicenseNormalizer = class extends BaseJsonNormalizer {
      normalize(data, options) {
        switch (true) {
          case data instanceof license_1.NamedLicense:
            return this.#normalizeNamedLicense(data, options);
          case data instanceof license_1.SpdxLicense:
            return (0, spdx_1.isSupportedSpdxId)(data.id) ? this.#normalizeSpdxLicense(data, options) : this.#normalizeNamedLicense(new license_1.NamedLicense(data.id, { url: data.url }), options);
          case data instanceof license_1.LicenseExpression:
            return this.#normalizeLicenseExpression(data);
          default:
            throw new TypeError("Unexpected LicenseChoice");
        }
      }
      #normalizeNamedLicense(data, options) {
        const spec = this._factory.spec;
        const url = (0, uri_1.escapeUri)(data.url?.toString());
        return {
          license: {
            name: data.name,
            acknowledgement: spec.supportsLicenseAcknowledgement ? data.acknowledgement : void 0,
            text: data.text === void 0 ? void 0 : this._factory.makeForAttachment().normalize(data.text, options),
            url: types_1.JsonSchema.isIriReference(url) ? url : void 0,
            properties: spec.supportsProperties(data) && data.properties.size > 0 ? this._factory.makeForProperty().normalizeIterable(data.properties, options) : void 0
          }
        };
      }
      #normalizeSpdxLicense(data, options) {
        const spec = this._factory.spec;
        const url = (0, uri_1.escapeUri)(data.url?.toString());
        return {
          license: {
            id: data.id,
            acknowledgement: spec.supportsLicenseAcknowledgement ? data.acknowledgement : void 0,
            text: data.text === void 0 ? void 0 : this._factory.makeForAttachment().normalize(data.text, options),
            url: types_1.JsonSchema.isIriReference(url) ? url : void 0,
            properties: spec.supportsProperties(data) && data.properties.size > 0 ? this._factory.makeForProperty().normalizeIterable(data.properties, options) : void 0
          }
        };
      }
      #normalizeLicenseExpression(data) {
        return {
          expression: data.expression,
          acknowledgement: this._factory.spec.supportsLicenseAcknowledgement ? data.acknowledgement : void 0
        };
      }
      normalizeIterable(data, options) {
        const licenses = options.sortLists ?? false ? data.sorted() : Array.from(data);
        if (licenses.length > 1) {
          const expressions = licenses.filter((l) => l instanceof license_1.LicenseExpression);
          if (expressions.length > 0) {
            return [this.#normalizeLicenseExpression(expressions[0])];
          }
        }
        return licenses.map((l) => this.normalize(l, options));
      }
    };
    exports.LicenseNormalizer = LicenseNormalizer;
    var SWIDNormalizer = class extends BaseJsonNormalizer {
      normalize(data, options) {
        const url = (0, uri_1.escapeUri)(data.url?.toString());
        return {
          tagId: data.tagId,
          name: data.name,
          version: data.version || void 0,
          tagVersion: data.tagVersion,
          patch: data.patch,
          text: data.text === void 0 ? void 0 : this._factory.makeForAttachment().normalize(data.text, options),
          url: types_1.JsonSchema.isIriReference(url) ? url : void 0
        };
      }
    };
    exports.SWIDNormalizer = SWIDNormalizer;
    var ExternalReferenceNormalizer = class extends BaseJsonNormalizer {
      normalize(data, options) {
        return this._factory.spec.supportsExternalReferenceType(data.type) ? {
          url: (0, uri_1.escapeUri)(data.url.toString()),
          type: data.type,
          hashes: this._factory.spec.supportsExternalReferenceHashes && data.hashes.size > 0 ? this._factory.makeForHash().normalizeIterable(data.hashes, options) : void 0,
          comment: data.comment || void 0
        } : void 0;
      }
      normalizeIterable(data, options) {
        return (options.sortLists ?? false ? data.sorted() : Array.from(data)).map((r) => this.normalize(r, options)).filter(notUndefined_1.isNotUndefined);
      }
    };
    exports.ExternalReferenceNormalizer = ExternalReferenceNormalizer;
    var AttachmentNormalizer = class extends BaseJsonNormalizer {
      normalize(data, options) {
        return {
          content: data.content.toString(),
          contentType: data.contentType || void 0,
          encoding: data.encoding
        };
      }
    };
    exports.AttachmentNormalizer = AttachmentNormalizer;
    var PropertyNormalizer = class extends BaseJsonNormalizer {
      normalize(data, options) {
        return {
          name: data.name,
          value: data.value
        };
      }
      normalizeIterable(data, options) {
        return (options.sortLists ?? false ? data.sorted() : Array.from(data)).map((p) => this.normalize(p, options));
      }
    };
    exports.PropertyNormalizer = PropertyNormalizer;
    var DependencyGraphNormalizer = class extends BaseJsonNormalizer {
      normalize(data, options) {
        const allRefs = /* @__PURE__ */ new Map();
        if (data.metadata.component !== void 0) {
          allRefs.set(data.metadata.component.bomRef, data.metadata.component.dependencies);
          for (const component of data.metadata.component.components[tree_1.treeIteratorSymbol]()) {
            allRefs.set(component.bomRef, component.dependencies);
          }
        }
        for (const component of data.components[tree_1.treeIteratorSymbol]()) {
          allRefs.set(component.bomRef, component.dependencies);
        }
        for (const service of data.services[tree_1.treeIteratorSymbol]()) {
          allRefs.set(service.bomRef, service.dependencies);
        }
        const normalized = [];
        for (const [ref, deps] of allRefs) {
          const dep = this.#normalizeDependency(ref, deps, allRefs, options);
          if ((0, notUndefined_1.isNotUndefined)(dep)) {
            normalized.push(dep);
          }
        }
        if (options.sortLists ?? false) {
          normalized.sort(({ ref: a }, { ref: b }) => a.localeCompare(b));
        }
        return normalized;
      }
      #normalizeDependency(ref, deps, allRefs, options) {
        const bomRef = ref.toString();
        if (bomRef.length === 0) {
          return void 0;
        }
        const dependsOn = normalizeStringableIter(Array.from(deps).filter((d) => allRefs.has(d) && d !== ref), options).filter((d) => d.length > 0);
        return {
          ref: bomRef,
          dependsOn: dependsOn.length > 0 ? dependsOn : void 0
        };
      }
    };
    exports.DependencyGraphNormalizer = DependencyGraphNormalizer;
    var VulnerabilityNormalizer = class extends BaseJsonNormalizer {
      normalize(data, options) {
        return {
          "bom-ref": data.bomRef.value || void 0,
          id: data.id || void 0,
          source: data.source === void 0 ? void 0 : this._factory.makeForVulnerabilitySource().normalize(data.source, options),
          references: data.references.size > 0 ? this._factory.makeForVulnerabilityReference().normalizeIterable(data.references, options) : void 0,
          ratings: data.ratings.size > 0 ? this._factory.makeForVulnerabilityRating().normalizeIterable(data.ratings, options) : void 0,
          cwes: data.cwes.size > 0 ? options.sortLists ?? false ? data.cwes.sorted() : Array.from(data.cwes) : void 0,
          description: data.description,
          detail: data.detail,
          recommendation: data.recommendation,
          advisories: data.advisories.size > 0 ? this._factory.makeForVulnerabilityAdvisory().normalizeIterable(data.advisories, options) : void 0,
          created: data.created?.toISOString(),
          published: data.published?.toISOString(),
          updated: data.updated?.toISOString(),
          credits: data.credits === void 0 ? void 0 : this._factory.makeForVulnerabilityCredits().normalize(data.credits, options),
          tools: data.tools.size > 0 ? this._factory.makeForTools().normalize(data.tools, options) : void 0,
          analysis: data.analysis === void 0 ? void 0 : this._factory.makeForVulnerabilityAnalysis().normalize(data.analysis, options),
          affects: data.affects.size > 0 ? this._factory.makeForVulnerabilityAffect().normalizeIterable(data.affects, options) : void 0,
          properties: data.properties.size > 0 ? this._factory.makeForProperty().normalizeIterable(data.properties, options) : void 0
        };
      }
      normalizeIterable(data, options) {
        return (options.sortLists ?? false ? data.sorted() : Array.from(data)).map((v) => this.normalize(v, options));
      }
    };
    exports.VulnerabilityNormalizer = VulnerabilityNormalizer;
    var VulnerabilitySourceNormalizer = class extends BaseJsonNormalizer {
      normalize(data, options) {
        return {
          name: data.name,
          url: data.url?.toString()
        };
      }
    };
    exports.VulnerabilitySourceNormalizer = VulnerabilitySourceNormalizer;
    var VulnerabilityReferenceNormalizer = class extends BaseJsonNormalizer {
      normalize(data, options) {
        return {
          id: data.id,
          source: this._factory.makeForVulnerabilitySource().normalize(data.source, options)
        };
      }
      normalizeIterable(data, options) {
        return (options.sortLists ?? false ? data.sorted() : Array.from(data)).map((r) => this.normalize(r, options));
      }
    };
    exports.VulnerabilityReferenceNormalizer = VulnerabilityReferenceNormalizer;
    var VulnerabilityRatingNormalizer = class extends BaseJsonNormalizer {
      normalize(data, options) {
        return {
          source: data.source === void 0 ? void 0 : this._factory.makeForVulnerabilitySource().normalize(data.source, options),
          score: data.score,
          severity: data.severity,
          method: this._factory.spec.supportsVulnerabilityRatingMethod(data.method) ? data.method : void 0,
          vector: data.vector,
          justification: data.justification
        };
      }
      normalizeIterable(data, options) {
        return (options.sortLists ?? false ? data.sorted() : Array.from(data)).map((r) => this.normalize(r, options));
      }
    };
    exports.VulnerabilityRatingNormalizer = VulnerabilityRatingNormalizer;
    var VulnerabilityAdvisoryNormalizer = class extends BaseJsonNormalizer {
      normalize(data, options) {
        const url = (0, uri_1.escapeUri)(data.url.toString());
        if (!types_1.JsonSchema.isIriReference(url)) {
          return void 0;
        }
        return {
          title: data.title,
          url
        };
      }
      normalizeIterable(data, options) {
        return (options.sortLists ?? false ? data.sorted() : Array.from(data)).map((a) => this.normalize(a, options)).filter(notUndefined_1.isNotUndefined);
      }
    };
    exports.VulnerabilityAdvisoryNormalizer = VulnerabilityAdvisoryNormalizer;
    var VulnerabilityCreditsNormalizer = class extends BaseJsonNormalizer {
      normalize(data, options) {
        return {
          organizations: data.organizations.size > 0 ? this._factory.makeForOrganizationalEntity().normalizeIterable(data.organizations, options) : void 0,
          individuals: data.individuals.size > 0 ? this._factory.makeForOrganizationalContact().normalizeIterable(data.individuals, options) : void 0
        };
      }
    };
    exports.VulnerabilityCreditsNormalizer = VulnerabilityCreditsNormalizer;
    var VulnerabilityAffectNormalizer = class extends BaseJsonNormalizer {
      normalize(data, options) {
        return {
          ref: data.ref.toString(),
          versions: data.versions.size > 0 ? this._factory.makeForVulnerabilityAffectedVersion().normalizeIterable(data.versions, options) : void 0
        };
      }
      normalizeIterable(data, options) {
        return (options.sortLists ?? false ? data.sorted() : Array.from(data)).map((a) => this.normalize(a, options));
      }
    };
    exports.VulnerabilityAffectNormalizer = VulnerabilityAffectNormalizer;
    var VulnerabilityAffectedVersionNormalizer = class extends BaseJsonNormalizer {
      normalize(data, options) {
        switch (true) {
          case data instanceof affect_1.AffectedSingleVersion:
            return this.#normalizeAffectedSingleVersion(data);
          case data instanceof affect_1.AffectedVersionRange:
            return this.#normalizeAffectedVersionRange(data);
          default:
            throw new TypeError("Unexpected Vulnerability AffectedVersion");
        }
      }
      #normalizeAffectedSingleVersion(data) {
        return data.version.length < 1 ? void 0 : {
          version: data.version.substring(0, 1024),
          status: data.status
        };
      }
      #normalizeAffectedVersionRange(data) {
        return data.range.length < 1 ? void 0 : {
          range: data.range.substring(0, 1024),
          status: data.status
        };
      }
      normalizeIterable(data, options) {
        return (options.sortLists ?? false ? data.sorted() : Array.from(data)).map((av) => this.normalize(av, options)).filter(notUndefined_1.isNotUndefined);
      }
    };
    exports.VulnerabilityAffectedVersionNormalizer = VulnerabilityAffectedVersionNormalizer;
    var VulnerabilityAnalysisNormalizer = class extends BaseJsonNormalizer {
      normalize(data, options) {
        return {
          state: data.state,
          justification: data.justification,
          response: data.response.size > 0 ? options.sortLists ?? false ? data.response.sorted() : Array.from(data.response) : void 0,
          detail: data.detail
        };
      }
    };
    exports.VulnerabilityAnalysisNormalizer = VulnerabilityAnalysisNormalizer;
    function normalizeStringableIter(data, options) {
      const r = Array.from(data, (d) => d.toString());
      if (options.sortLists ?? false) {
        r.sort((a, b) => a.localeCompare(b));
      }
      return r;
    }
  }
});

// node_modules/@cyclonedx/cyclonedx-library/dist.node/serialize/json/index.js
var require_json = __commonJS({
  "node_modules/@cyclonedx/cyclonedx-library/dist.node/serialize/json/index.js"(exports) {
    "use strict";
    var __createBinding = exports && exports.__createBinding || (Object.create ? (function(o, m, k, k2) {
      if (k2 === void 0) k2 = k;
      var desc = Object.getOwnPropertyDescriptor(m, k);
      if (!desc || ("get" in desc ? !m.__esModule : desc.writable || desc.configurable)) {
        desc = { enumerable: true, get: function() {
          return m[k];
        } };
      }
      Object.defineProperty(o, k2, desc);
    }) : (function(o, m, k, k2) {
      if (k2 === void 0) k2 = k;
      o[k2] = m[k];
    }));
    var __setModuleDefault = exports && exports.__setModuleDefault || (Object.create ? (function(o, v) {
      Object.defineProperty(o, "default", { enumerable: true, value: v });
    }) : function(o, v) {
      o["default"] = v;
    });
    var __importStar = exports && exports.__importStar || /* @__PURE__ */ (function() {
      var ownKeys = function(o) {
        ownKeys = Object.getOwnPropertyNames || function(o2) {
          var ar = [];
          for (var k in o2) if (Object.prototype.hasOwnProperty.call(o2, k)) ar[ar.length] = k;
          return ar;
        };
        return ownKeys(o);
      };
      return function(mod) {
        if (mod && mod.__esModule) return mod;
        var result = {};
        if (mod != null) {
          for (var k = ownKeys(mod), i = 0; i < k.length; i++) if (k[i] !== "default") __createBinding(result, mod, k[i]);
        }
        __setModuleDefault(result, mod);
        return result;
      };
    })();
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.Types = exports.Normalize = void 0;
    exports.Normalize = __importStar(require_normalize());
    exports.Types = __importStar(require_types2());
  }
});

// node_modules/@cyclonedx/cyclonedx-library/dist.node/spec/errors.js
var require_errors3 = __commonJS({
  "node_modules/@cyclonedx/cyclonedx-library/dist.node/spec/errors.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.UnsupportedFormatError = void 0;
    var UnsupportedFormatError = class extends Error {
    };
    exports.UnsupportedFormatError = UnsupportedFormatError;
  }
});

// node_modules/@cyclonedx/cyclonedx-library/dist.node/serialize/jsonSerializer.js
var require_jsonSerializer = __commonJS({
  "node_modules/@cyclonedx/cyclonedx-library/dist.node/serialize/jsonSerializer.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.JsonSerializer = void 0;
    var enums_1 = require_enums2();
    var errors_1 = require_errors3();
    var baseSerializer_1 = require_baseSerializer();
    var JsonSerializer2 = class extends baseSerializer_1.BaseSerializer {
      #normalizerFactory;
      constructor(normalizerFactory) {
        if (!normalizerFactory.spec.supportsFormat(enums_1.Format.JSON)) {
          throw new errors_1.UnsupportedFormatError("Spec does not support JSON format.");
        }
        super();
        this.#normalizerFactory = normalizerFactory;
      }
      get normalizerFactory() {
        return this.#normalizerFactory;
      }
      _normalize(bom, options = {}) {
        return this.#normalizerFactory.makeForBom().normalize(bom, options);
      }
      _serialize(bom, { space } = {}) {
        return JSON.stringify(bom, null, space);
      }
    };
    exports.JsonSerializer = JsonSerializer2;
  }
});

// node_modules/@cyclonedx/cyclonedx-library/dist.node/serialize/xml/_xsd.js
var require_xsd = __commonJS({
  "node_modules/@cyclonedx/cyclonedx-library/dist.node/serialize/xml/_xsd.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.normalizedString = normalizedString;
    exports.token = token;
    var _normalizeStringForbiddenSearch = /\r\n|\t|\n|\r/g;
    var _normalizeStringForbiddenReplace = " ";
    function normalizedString(s) {
      return s.replace(_normalizeStringForbiddenSearch, _normalizeStringForbiddenReplace);
    }
    var _tokenMultispaceSearch = / {2,}/g;
    var _tokenMultispaceReplace = " ";
    function token(s) {
      return normalizedString(s).trim().replace(_tokenMultispaceSearch, _tokenMultispaceReplace);
    }
  }
});

// node_modules/@cyclonedx/cyclonedx-library/dist.node/serialize/xml/types.js
var require_types3 = __commonJS({
  "node_modules/@cyclonedx/cyclonedx-library/dist.node/serialize/xml/types.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.XmlSchema = void 0;
    var XmlSchema;
    (function(XmlSchema2) {
      const _AnyUriSchemePattern = /^[a-z][a-z0-9+\-.]*$/i;
      function isAnyURI(value) {
        if (typeof value !== "string") {
          return false;
        }
        if (value.length === 0) {
          return false;
        }
        const fragmentPos = value.indexOf("#");
        let beforeFragment = value;
        if (fragmentPos >= 0) {
          if (value.includes("#", fragmentPos + 1)) {
            return false;
          }
          beforeFragment = value.slice(void 0, fragmentPos);
        }
        const schemePos = beforeFragment.indexOf(":");
        if (schemePos >= 0) {
          if (!_AnyUriSchemePattern.test(beforeFragment.slice(void 0, schemePos))) {
            return false;
          }
        }
        return true;
      }
      XmlSchema2.isAnyURI = isAnyURI;
    })(XmlSchema || (exports.XmlSchema = XmlSchema = {}));
  }
});

// node_modules/@cyclonedx/cyclonedx-library/dist.node/serialize/xml/normalize.js
var require_normalize2 = __commonJS({
  "node_modules/@cyclonedx/cyclonedx-library/dist.node/serialize/xml/normalize.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.VulnerabilityAffectedVersionNormalizer = exports.VulnerabilityAffectNormalizer = exports.VulnerabilityAnalysisNormalizer = exports.VulnerabilityCreditsNormalizer = exports.VulnerabilityAdvisoryNormalizer = exports.VulnerabilityRatingNormalizer = exports.VulnerabilityReferenceNormalizer = exports.VulnerabilitySourceNormalizer = exports.VulnerabilityNormalizer = exports.DependencyGraphNormalizer = exports.PropertyNormalizer = exports.AttachmentNormalizer = exports.ExternalReferenceNormalizer = exports.SWIDNormalizer = exports.LicenseNormalizer = exports.ComponentEvidenceNormalizer = exports.ServiceNormalizer = exports.ComponentNormalizer = exports.OrganizationalEntityNormalizer = exports.OrganizationalContactNormalizer = exports.HashNormalizer = exports.ToolsNormalizer = exports.ToolNormalizer = exports.LifecycleNormalizer = exports.MetadataNormalizer = exports.BomNormalizer = exports.Factory = void 0;
    var iterable_1 = require_iterable();
    var notUndefined_1 = require_notUndefined();
    var tree_1 = require_tree();
    var uri_1 = require_uri();
    var models_1 = require_models();
    var license_1 = require_license();
    var lifecycle_1 = require_lifecycle();
    var affect_1 = require_affect();
    var spdx_1 = require_spdx();
    var enums_1 = require_enums2();
    var _xsd_1 = require_xsd();
    var types_1 = require_types3();
    var Factory = class {
      #spec;
      constructor(spec) {
        this.#spec = spec;
      }
      get spec() {
        return this.#spec;
      }
      makeForBom() {
        return new BomNormalizer(this);
      }
      makeForMetadata() {
        return new MetadataNormalizer(this);
      }
      makeForLifecycle() {
        return new LifecycleNormalizer(this);
      }
      makeForComponent() {
        return new ComponentNormalizer(this);
      }
      makeForService() {
        return new ServiceNormalizer(this);
      }
      makeForComponentEvidence() {
        return new ComponentEvidenceNormalizer(this);
      }
      makeForTool() {
        return new ToolNormalizer(this);
      }
      makeForTools() {
        return new ToolsNormalizer(this);
      }
      makeForOrganizationalContact() {
        return new OrganizationalContactNormalizer(this);
      }
      makeForOrganizationalEntity() {
        return new OrganizationalEntityNormalizer(this);
      }
      makeForHash() {
        return new HashNormalizer(this);
      }
      makeForLicense() {
        return new LicenseNormalizer(this);
      }
      makeForSWID() {
        return new SWIDNormalizer(this);
      }
      makeForExternalReference() {
        return new ExternalReferenceNormalizer(this);
      }
      makeForAttachment() {
        return new AttachmentNormalizer(this);
      }
      makeForProperty() {
        return new PropertyNormalizer(this);
      }
      makeForDependencyGraph() {
        return new DependencyGraphNormalizer(this);
      }
      makeForVulnerability() {
        return new VulnerabilityNormalizer(this);
      }
      makeForVulnerabilitySource() {
        return new VulnerabilitySourceNormalizer(this);
      }
      makeForVulnerabilityReference() {
        return new VulnerabilityReferenceNormalizer(this);
      }
      makeForVulnerabilityRating() {
        return new VulnerabilityRatingNormalizer(this);
      }
      makeForVulnerabilityAdvisory() {
        return new VulnerabilityAdvisoryNormalizer(this);
      }
      makeForVulnerabilityCredits() {
        return new VulnerabilityCreditsNormalizer(this);
      }
      makeForVulnerabilityAffect() {
        return new VulnerabilityAffectNormalizer(this);
      }
      makeForVulnerabilityAffectedVersion() {
        return new VulnerabilityAffectedVersionNormalizer(this);
      }
      makeForVulnerabilityAnalysis() {
        return new VulnerabilityAnalysisNormalizer(this);
      }
    };
    exports.Factory = Factory;
    var xmlNamespace = /* @__PURE__ */ new Map([
      [enums_1.Version.v1dot7, "http://cyclonedx.org/schema/bom/1.7"],
      [enums_1.Version.v1dot6, "http://cyclonedx.org/schema/bom/1.6"],
      [enums_1.Version.v1dot5, "http://cyclonedx.org/schema/bom/1.5"],
      [enums_1.Version.v1dot4, "http://cyclonedx.org/schema/bom/1.4"],
      [enums_1.Version.v1dot3, "http://cyclonedx.org/schema/bom/1.3"],
      [enums_1.Version.v1dot2, "http://cyclonedx.org/schema/bom/1.2"],
      [enums_1.Version.v1dot1, "http://cyclonedx.org/schema/bom/1.1"],
      [enums_1.Version.v1dot0, "http://cyclonedx.org/schema/bom/1.0"]
    ]);
    var BaseXmlNormalizer = class {
      _factory;
      constructor(factory) {
        this._factory = factory;
      }
      get factory() {
        return this._factory;
      }
    };
    var BomNormalizer = class extends BaseXmlNormalizer {
      normalize(data, options) {
        const components = {
          type: "element",
          name: "components",
          children: data.components.size > 0 ? this._factory.makeForComponent().normalizeIterable(data.components, options, "component") : void 0
        };
        const services = this._factory.spec.supportsServices && data.services.size > 0 ? {
          type: "element",
          name: "services",
          children: this._factory.makeForService().normalizeIterable(data.services, options, "service")
        } : void 0;
        const vulnerabilities = this._factory.spec.supportsVulnerabilities && data.vulnerabilities.size > 0 ? {
          type: "element",
          name: "vulnerabilities",
          children: this._factory.makeForVulnerability().normalizeIterable(data.vulnerabilities, options, "vulnerability")
        } : void 0;
        return {
          type: "element",
          name: "bom",
          namespace: xmlNamespace.get(this._factory.spec.version),
          attributes: {
            version: data.version,
            serialNumber: this.#isEligibleSerialNumber(data.serialNumber) ? data.serialNumber : void 0
          },
          children: [
            this._factory.makeForMetadata().normalize(data.metadata, options, "metadata"),
            components,
            services,
            this._factory.spec.supportsDependencyGraph ? this._factory.makeForDependencyGraph().normalize(data, options, "dependencies") : void 0,
            vulnerabilities
          ].filter(notUndefined_1.isNotUndefined)
        };
      }
      #isEligibleSerialNumber(v) {
        return v !== void 0 && /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$|^\{[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\}$/.test(v);
      }
    };
    exports.BomNormalizer = BomNormalizer;
    var MetadataNormalizer = class extends BaseXmlNormalizer {
      normalize(data, options, elementName) {
        const orgEntityNormalizer = this._factory.makeForOrganizationalEntity();
        const lifecycles = this._factory.spec.supportsMetadataLifecycles && data.lifecycles.size > 0 ? {
          type: "element",
          name: "lifecycles",
          children: this._factory.makeForLifecycle().normalizeIterable(data.lifecycles, options, "lifecycle")
        } : void 0;
        const tools = data.tools.size > 0 ? this._factory.makeForTools().normalize(data.tools, options, "tools") : void 0;
        const authors = data.authors.size > 0 ? {
          type: "element",
          name: "authors",
          children: this._factory.makeForOrganizationalContact().normalizeIterable(data.authors, options, "author")
        } : void 0;
        const licenses = this._factory.spec.supportsMetadataLicenses && data.licenses.size > 0 ? {
          type: "element",
          name: "licenses",
          children: this._factory.makeForLicense().normalizeIterable(data.licenses, options)
        } : void 0;
        const properties = this._factory.spec.supportsMetadataProperties && data.properties.size > 0 ? {
          type: "element",
          name: "properties",
          children: this._factory.makeForProperty().normalizeIterable(data.properties, options, "property")
        } : void 0;
        return {
          type: "element",
          name: elementName,
          children: [
            makeOptionalDateTimeElement(data.timestamp, "timestamp"),
            lifecycles,
            tools,
            authors,
            data.component === void 0 ? void 0 : this._factory.makeForComponent().normalize(data.component, options, "component"),
            data.manufacture === void 0 ? void 0 : orgEntityNormalizer.normalize(data.manufacture, options, "manufacture"),
            data.supplier === void 0 ? void 0 : orgEntityNormalizer.normalize(data.supplier, options, "supplier"),
            licenses,
            properties
          ].filter(notUndefined_1.isNotUndefined)
        };
      }
    };
    exports.MetadataNormalizer = MetadataNormalizer;
    var LifecycleNormalizer = class extends BaseXmlNormalizer {
      normalize(data, options, elementName) {
        return data instanceof lifecycle_1.NamedLifecycle ? {
          type: "element",
          name: elementName,
          children: [
            makeTextElement(data.name, "name", _xsd_1.normalizedString),
            makeOptionalTextElement(data.description, "description")
          ].filter(notUndefined_1.isNotUndefined)
        } : {
          type: "element",
          name: elementName,
          children: [
            makeTextElement(data, "phase")
          ]
        };
      }
      normalizeIterable(data, options, elementName) {
        return (options.sortLists ?? false ? data.sorted() : Array.from(data)).map((t) => this.normalize(t, options, elementName));
      }
    };
    exports.LifecycleNormalizer = LifecycleNormalizer;
    var ToolNormalizer = class extends BaseXmlNormalizer {
      normalize(data, options, elementName) {
        const hashes = data.hashes.size > 0 ? {
          type: "element",
          name: "hashes",
          children: this._factory.makeForHash().normalizeIterable(data.hashes, options, "hash")
        } : void 0;
        const externalReferences = this._factory.spec.supportsToolReferences && data.externalReferences.size > 0 ? {
          type: "element",
          name: "externalReferences",
          children: this._factory.makeForExternalReference().normalizeIterable(data.externalReferences, options, "reference")
        } : void 0;
        return {
          type: "element",
          name: elementName,
          children: [
            makeOptionalTextElement(data.vendor, "vendor", _xsd_1.normalizedString),
            makeOptionalTextElement(data.name, "name", _xsd_1.normalizedString),
            makeOptionalTextElement(data.version, "version", _xsd_1.normalizedString),
            hashes,
            externalReferences
          ].filter(notUndefined_1.isNotUndefined)
        };
      }
      normalizeIterable(data, options, elementName) {
        return (options.sortLists ?? false ? data.sorted() : Array.from(data)).map((t) => this.normalize(t, options, elementName));
      }
    };
    exports.ToolNormalizer = ToolNormalizer;
    var ToolsNormalizer = class extends BaseXmlNormalizer {
      normalize(data, options, elementName) {
        let children = [];
        if (data.tools.size > 0 || !this._factory.spec.supportsToolsComponentsServices) {
          children = this._factory.makeForTool().normalizeIterable(new models_1.ToolRepository((0, iterable_1.chainI)(Array.from(data.components, models_1.Tool.fromComponent), Array.from(data.services, models_1.Tool.fromService), data.tools)), options, "tool");
        } else {
          if (data.components.size > 0) {
            children.push({
              type: "element",
              name: "components",
              children: this._factory.makeForComponent().normalizeIterable(data.components, options, "component")
            });
          }
          if (data.services.size > 0) {
            children.push({
              type: "element",
              name: "services",
              children: this._factory.makeForService().normalizeIterable(data.services, options, "service")
            });
          }
        }
        return {
          type: "element",
          name: elementName,
          children
        };
      }
    };
    exports.ToolsNormalizer = ToolsNormalizer;
    var HashNormalizer = class extends BaseXmlNormalizer {
      normalize([algorithm, content], options, elementName) {
        const spec = this._factory.spec;
        return spec.supportsHashAlgorithm(algorithm) && spec.supportsHashValue(content) ? {
          type: "element",
          name: elementName,
          attributes: { alg: algorithm },
          children: (0, _xsd_1.token)(content)
        } : void 0;
      }
      normalizeIterable(data, options, elementName) {
        return (options.sortLists ?? false ? data.sorted() : Array.from(data)).map((h) => this.normalize(h, options, elementName)).filter(notUndefined_1.isNotUndefined);
      }
    };
    exports.HashNormalizer = HashNormalizer;
    var OrganizationalContactNormalizer = class extends BaseXmlNormalizer {
      normalize(data, options, elementName) {
        return {
          type: "element",
          name: elementName,
          children: [
            makeOptionalTextElement(data.name, "name", _xsd_1.normalizedString),
            makeOptionalTextElement(data.email, "email", _xsd_1.normalizedString),
            makeOptionalTextElement(data.phone, "phone", _xsd_1.normalizedString)
          ].filter(notUndefined_1.isNotUndefined)
        };
      }
      normalizeIterable(data, options, elementName) {
        return (options.sortLists ?? false ? data.sorted() : Array.from(data)).map((oc) => this.normalize(oc, options, elementName));
      }
    };
    exports.OrganizationalContactNormalizer = OrganizationalContactNormalizer;
    var OrganizationalEntityNormalizer = class extends BaseXmlNormalizer {
      normalize(data, options, elementName) {
        return {
          type: "element",
          name: elementName,
          children: [
            makeOptionalTextElement(data.name, "name", _xsd_1.normalizedString),
            ...makeTextElementIter(Array.from(data.url, (s) => (0, uri_1.escapeUri)(s.toString())), options, "url").filter(({ children: u }) => types_1.XmlSchema.isAnyURI(u)),
            ...this._factory.makeForOrganizationalContact().normalizeIterable(data.contact, options, "contact")
          ].filter(notUndefined_1.isNotUndefined)
        };
      }
      normalizeIterable(data, options, elementName) {
        return (options.sortLists ?? false ? data.sorted() : Array.from(data)).map((oe) => this.normalize(oe, options, elementName));
      }
    };
    exports.OrganizationalEntityNormalizer = OrganizationalEntityNormalizer;
    var ComponentNormalizer = class extends BaseXmlNormalizer {
      normalize(data, options, elementName) {
        const spec = this._factory.spec;
        if (!spec.supportsComponentType(data.type)) {
          return void 0;
        }
        const supplier = data.supplier === void 0 ? void 0 : this._factory.makeForOrganizationalEntity().normalize(data.supplier, options, "supplier");
        const version = (spec.requiresComponentVersion ? makeTextElement : makeOptionalTextElement)(data.version ?? "", "version", _xsd_1.normalizedString);
        const hashes = data.hashes.size > 0 ? {
          type: "element",
          name: "hashes",
          children: this._factory.makeForHash().normalizeIterable(data.hashes, options, "hash")
        } : void 0;
        const licenses = data.licenses.size > 0 ? {
          type: "element",
          name: "licenses",
          children: this._factory.makeForLicense().normalizeIterable(data.licenses, options)
        } : void 0;
        const swid = data.swid === void 0 ? void 0 : this._factory.makeForSWID().normalize(data.swid, options, "swid");
        const extRefs = data.externalReferences.size > 0 ? {
          type: "element",
          name: "externalReferences",
          children: this._factory.makeForExternalReference().normalizeIterable(data.externalReferences, options, "reference")
        } : void 0;
        const properties = spec.supportsProperties(data) && data.properties.size > 0 ? {
          type: "element",
          name: "properties",
          children: this._factory.makeForProperty().normalizeIterable(data.properties, options, "property")
        } : void 0;
        const components = data.components.size > 0 ? {
          type: "element",
          name: "components",
          children: this.normalizeIterable(data.components, options, "component")
        } : void 0;
        const evidence = spec.supportsComponentEvidence && data.evidence !== void 0 ? this._factory.makeForComponentEvidence().normalize(data.evidence, options, "evidence") : void 0;
        return {
          type: "element",
          name: elementName,
          attributes: {
            type: data.type,
            "bom-ref": data.bomRef.value
          },
          children: [
            supplier,
            makeOptionalTextElement(data.author, "author", _xsd_1.normalizedString),
            makeOptionalTextElement(data.publisher, "publisher", _xsd_1.normalizedString),
            makeOptionalTextElement(data.group, "group", _xsd_1.normalizedString),
            makeTextElement(data.name, "name", _xsd_1.normalizedString),
            version,
            makeOptionalTextElement(data.description, "description", _xsd_1.normalizedString),
            makeOptionalTextElement(data.scope, "scope"),
            hashes,
            licenses,
            makeOptionalTextElement(data.copyright, "copyright", _xsd_1.normalizedString),
            makeOptionalTextElement(data.cpe, "cpe"),
            makeOptionalTextElement(data.purl, "purl"),
            swid,
            extRefs,
            properties,
            components,
            evidence
          ].filter(notUndefined_1.isNotUndefined)
        };
      }
      normalizeIterable(data, options, elementName) {
        return (options.sortLists ?? false ? data.sorted() : Array.from(data)).map((c) => this.normalize(c, options, elementName)).filter(notUndefined_1.isNotUndefined);
      }
    };
    exports.ComponentNormalizer = ComponentNormalizer;
    var ServiceNormalizer = class extends BaseXmlNormalizer {
      normalize(data, options, elementName) {
        const spec = this._factory.spec;
        const provider = data.provider === void 0 ? void 0 : this._factory.makeForOrganizationalEntity().normalize(data.provider, options, "provider");
        const licenses = data.licenses.size > 0 ? {
          type: "element",
          name: "licenses",
          children: this._factory.makeForLicense().normalizeIterable(data.licenses, options)
        } : void 0;
        const extRefs = data.externalReferences.size > 0 ? {
          type: "element",
          name: "externalReferences",
          children: this._factory.makeForExternalReference().normalizeIterable(data.externalReferences, options, "reference")
        } : void 0;
        const properties = spec.supportsProperties(data) && data.properties.size > 0 ? {
          type: "element",
          name: "properties",
          children: this._factory.makeForProperty().normalizeIterable(data.properties, options, "property")
        } : void 0;
        const services = data.services.size > 0 ? {
          type: "element",
          name: "services",
          children: this.normalizeIterable(data.services, options, "service")
        } : void 0;
        return {
          type: "element",
          name: elementName,
          attributes: {
            "bom-ref": data.bomRef.value
          },
          children: [
            provider,
            makeOptionalTextElement(data.group, "group", _xsd_1.normalizedString),
            makeTextElement(data.name, "name", _xsd_1.normalizedString),
            makeOptionalTextElement(data.version, "version", _xsd_1.normalizedString),
            makeOptionalTextElement(data.description, "description", _xsd_1.normalizedString),
            licenses,
            extRefs,
            properties,
            services
          ].filter(notUndefined_1.isNotUndefined)
        };
      }
      normalizeIterable(data, options, elementName) {
        return (options.sortLists ?? false ? data.sorted() : Array.from(data)).map((s) => this.normalize(s, options, elementName));
      }
    };
    exports.ServiceNormalizer = ServiceNormalizer;
    var ComponentEvidenceNormalizer = class extends BaseXmlNormalizer {
      normalize(data, options, elementName) {
        const licenses = data.licenses.size > 0 ? {
          type: "element",
          name: "licenses",
          children: this._factory.makeForLicense().normalizeIterable(data.licenses, options)
        } : void 0;
        const copyright = data.copyright.size > 0 ? {
          type: "element",
          name: "copyright",
          children: makeTextElementIter(data.copyright, options, "text")
        } : void 0;
        return {
          type: "element",
          name: elementName,
          children: [
            licenses,
            copyright
          ].filter(notUndefined_1.isNotUndefined)
        };
      }
    };
    exports.ComponentEvidenceNormalizer = ComponentEvidenceNormalizer;
    var LicenseNormalizer = class extends BaseXmlNormalizer {
      normalize(data, options) {
        switch (true) {
          case data instanceof license_1.NamedLicense:
            return this.#normalizeNamedLicense(data, options);
          case data instanceof license_1.SpdxLicense:
            return (0, spdx_1.isSupportedSpdxId)(data.id) ? this.#normalizeSpdxLicense(data, options) : this.#normalizeNamedLicense(new license_1.NamedLicense(data.id, { url: data.url }), options);
          case data instanceof license_1.LicenseExpression:
            return this.#normalizeLicenseExpression(data);
          default:
            throw new TypeError("Unexpected LicenseChoice");
        }
      }
      #normalizeNamedLicense(data, options) {
        const spec = this._factory.spec;
        const url = (0, uri_1.escapeUri)(data.url?.toString());
        const properties = spec.supportsProperties(data) && data.properties.size > 0 ? {
          type: "element",
          name: "properties",
          children: this._factory.makeForProperty().normalizeIterable(data.properties, options, "property")
        } : void 0;
        return {
          type: "element",
          name: "license",
          attributes: {
            acknowledgement: spec.supportsLicenseAcknowledgement ? data.acknowledgement : void 0
          },
          children: [
            makeTextElement(data.name, "name", _xsd_1.normalizedString),
            data.text === void 0 ? void 0 : this._factory.makeForAttachment().normalize(data.text, options, "text"),
            types_1.XmlSchema.isAnyURI(url) ? makeTextElement(url, "url") : void 0,
            properties
          ].filter(notUndefined_1.isNotUndefined)
        };
      }
      #normalizeSpdxLicense(data, options) {
        const spec = this._factory.spec;
        const url = (0, uri_1.escapeUri)(data.url?.toString());
        const properties = spec.supportsProperties(data) && data.properties.size > 0 ? {
          type: "element",
          name: "properties",
          children: this._factory.makeForProperty().normalizeIterable(data.properties, options, "property")
        } : void 0;
        return {
          type: "element",
          name: "license",
          attributes: {
            acknowledgement: spec.supportsLicenseAcknowledgement ? data.acknowledgement : void 0
          },
          children: [
            makeTextElement(data.id, "id"),
            data.text === void 0 ? void 0 : this._factory.makeForAttachment().normalize(data.text, options, "text"),
            types_1.XmlSchema.isAnyURI(url) ? makeTextElement(url, "url") : void 0,
            properties
          ].filter(notUndefined_1.isNotUndefined)
        };
      }
      #normalizeLicenseExpression(data) {
        const elem = makeTextElement(data.expression, "expression", _xsd_1.normalizedString);
        elem.attributes = {
          acknowledgement: this._factory.spec.supportsLicenseAcknowledgement ? data.acknowledgement : void 0
        };
        return elem;
      }
      normalizeIterable(data, options) {
        const licenses = options.sortLists ?? false ? data.sorted() : Array.from(data);
        if (licenses.length > 1) {
          const expressions = licenses.filter((l) => l instanceof license_1.LicenseExpression);
          if (expressions.length > 0) {
            return [this.#normalizeLicenseExpression(expressions[0])];
          }
        }
        return licenses.map((l) => this.normalize(l, options));
      }
    };
    exports.LicenseNormalizer = LicenseNormalizer;
    var SWIDNormalizer = class extends BaseXmlNormalizer {
      normalize(data, options, elementName) {
        const url = (0, uri_1.escapeUri)(data.url?.toString());
        return {
          type: "element",
          name: elementName,
          attributes: {
            tagId: data.tagId,
            name: data.name,
            version: data.version || void 0,
            tagVersion: data.tagVersion,
            patch: data.patch === void 0 ? void 0 : data.patch ? "true" : "false"
          },
          children: [
            data.text === void 0 ? void 0 : this._factory.makeForAttachment().normalize(data.text, options, "text"),
            types_1.XmlSchema.isAnyURI(url) ? makeTextElement(url, "url") : void 0
          ].filter(notUndefined_1.isNotUndefined)
        };
      }
    };
    exports.SWIDNormalizer = SWIDNormalizer;
    var ExternalReferenceNormalizer = class extends BaseXmlNormalizer {
      normalize(data, options, elementName) {
        const url = (0, uri_1.escapeUri)(data.url.toString());
        const hashes = this._factory.spec.supportsExternalReferenceHashes && data.hashes.size > 0 ? {
          type: "element",
          name: "hashes",
          children: this._factory.makeForHash().normalizeIterable(data.hashes, options, "hash")
        } : void 0;
        return this._factory.spec.supportsExternalReferenceType(data.type) && types_1.XmlSchema.isAnyURI(url) ? {
          type: "element",
          name: elementName,
          attributes: {
            type: data.type
          },
          children: [
            makeTextElement(url, "url"),
            makeOptionalTextElement(data.comment, "comment"),
            hashes
          ].filter(notUndefined_1.isNotUndefined)
        } : void 0;
      }
      normalizeIterable(data, options, elementName) {
        return (options.sortLists ?? false ? data.sorted() : Array.from(data)).map((r) => this.normalize(r, options, elementName)).filter(notUndefined_1.isNotUndefined);
      }
    };
    exports.ExternalReferenceNormalizer = ExternalReferenceNormalizer;
    var AttachmentNormalizer = class extends BaseXmlNormalizer {
      normalize(data, options, elementName) {
        return {
          type: "element",
          name: elementName,
          attributes: {
            "content-type": data.contentType ? (0, _xsd_1.normalizedString)(data.contentType) : void 0,
            encoding: data.encoding || void 0
          },
          children: data.content.toString()
        };
      }
    };
    exports.AttachmentNormalizer = AttachmentNormalizer;
    var PropertyNormalizer = class extends BaseXmlNormalizer {
      normalize(data, options, elementName) {
        return {
          type: "element",
          name: elementName,
          attributes: {
            name: data.name
          },
          children: (0, _xsd_1.normalizedString)(data.value)
        };
      }
      normalizeIterable(data, options, elementName) {
        return (options.sortLists ?? false ? data.sorted() : Array.from(data)).map((p) => this.normalize(p, options, elementName));
      }
    };
    exports.PropertyNormalizer = PropertyNormalizer;
    var DependencyGraphNormalizer = class extends BaseXmlNormalizer {
      normalize(data, options, elementName) {
        const allRefs = /* @__PURE__ */ new Map();
        if (data.metadata.component !== void 0) {
          allRefs.set(data.metadata.component.bomRef, data.metadata.component.dependencies);
          for (const component of data.metadata.component.components[tree_1.treeIteratorSymbol]()) {
            allRefs.set(component.bomRef, component.dependencies);
          }
        }
        for (const component of data.components[tree_1.treeIteratorSymbol]()) {
          allRefs.set(component.bomRef, component.dependencies);
        }
        for (const service of data.services[tree_1.treeIteratorSymbol]()) {
          allRefs.set(service.bomRef, service.dependencies);
        }
        const normalized = [];
        for (const [ref, deps] of allRefs) {
          const dep = this.#normalizeDependency(ref, deps, allRefs, options);
          if ((0, notUndefined_1.isNotUndefined)(dep)) {
            normalized.push(dep);
          }
        }
        if (options.sortLists ?? false) {
          normalized.sort(({ attributes: { ref: a } }, { attributes: { ref: b } }) => a.localeCompare(b));
        }
        return {
          type: "element",
          name: elementName,
          children: normalized
        };
      }
      #normalizeDependency(ref, deps, allRefs, options) {
        const bomRef = ref.toString();
        if (bomRef.length === 0) {
          return void 0;
        }
        const dependsOn = Array.from(deps).filter((d) => allRefs.has(d) && d !== ref).map((d) => d.toString()).filter((d) => d.length > 0);
        if (options.sortLists ?? false) {
          dependsOn.sort((a, b) => a.localeCompare(b));
        }
        return {
          type: "element",
          name: "dependency",
          attributes: { ref: bomRef },
          children: dependsOn.map((d) => ({
            type: "element",
            name: "dependency",
            attributes: { ref: d }
          }))
        };
      }
    };
    exports.DependencyGraphNormalizer = DependencyGraphNormalizer;
    var VulnerabilityNormalizer = class extends BaseXmlNormalizer {
      normalize(data, options, elementName) {
        const references = data.references.size > 0 ? {
          type: "element",
          name: "references",
          children: this._factory.makeForVulnerabilityReference().normalizeIterable(data.references, options, "reference")
        } : void 0;
        const ratings = data.ratings.size > 0 ? {
          type: "element",
          name: "ratings",
          children: this._factory.makeForVulnerabilityRating().normalizeIterable(data.ratings, options, "rating")
        } : void 0;
        const cwes = data.cwes.size > 0 ? {
          type: "element",
          name: "cwes",
          children: (options.sortLists ? data.cwes.sorted() : Array.from(data.cwes)).map((cwe) => makeTextElement(cwe, "cwe"))
        } : void 0;
        const advisories = data.advisories.size > 0 ? {
          type: "element",
          name: "advisories",
          children: this._factory.makeForVulnerabilityAdvisory().normalizeIterable(data.advisories, options, "advisory")
        } : void 0;
        const tools = data.tools.size > 0 ? this._factory.makeForTools().normalize(data.tools, options, "tools") : void 0;
        const affects = data.affects.size > 0 ? {
          type: "element",
          name: "affects",
          children: this._factory.makeForVulnerabilityAffect().normalizeIterable(data.affects, options, "target")
        } : void 0;
        const properties = data.properties.size > 0 ? {
          type: "element",
          name: "properties",
          children: this._factory.makeForProperty().normalizeIterable(data.properties, options, "property")
        } : void 0;
        return {
          type: "element",
          name: elementName,
          attributes: { "bom-ref": data.bomRef.value || void 0 },
          children: [
            makeOptionalTextElement(data.id, "id", _xsd_1.normalizedString),
            data.source === void 0 ? void 0 : this._factory.makeForVulnerabilitySource().normalize(data.source, options, "source"),
            references,
            ratings,
            cwes,
            makeOptionalTextElement(data.description, "description"),
            makeOptionalTextElement(data.detail, "detail"),
            makeOptionalTextElement(data.recommendation, "recommendation"),
            advisories,
            makeOptionalDateTimeElement(data.created, "created"),
            makeOptionalDateTimeElement(data.created, "published"),
            makeOptionalDateTimeElement(data.created, "updated"),
            data.credits === void 0 ? void 0 : this._factory.makeForVulnerabilityCredits().normalize(data.credits, options, "credits"),
            tools,
            data.analysis === void 0 ? void 0 : this._factory.makeForVulnerabilityAnalysis().normalize(data.analysis, options, "analysis"),
            affects,
            properties
          ].filter(notUndefined_1.isNotUndefined)
        };
      }
      normalizeIterable(data, options, elementName) {
        return (options.sortLists ?? false ? data.sorted() : Array.from(data)).map((v) => this.normalize(v, options, elementName));
      }
    };
    exports.VulnerabilityNormalizer = VulnerabilityNormalizer;
    var VulnerabilitySourceNormalizer = class extends BaseXmlNormalizer {
      normalize(data, options, elementName) {
        const url = (0, uri_1.escapeUri)(data.url?.toString());
        return {
          type: "element",
          name: elementName,
          children: [
            makeOptionalTextElement(data.name, "name", _xsd_1.normalizedString),
            types_1.XmlSchema.isAnyURI(url) ? makeTextElement(url, "url") : void 0
          ].filter(notUndefined_1.isNotUndefined)
        };
      }
    };
    exports.VulnerabilitySourceNormalizer = VulnerabilitySourceNormalizer;
    var VulnerabilityReferenceNormalizer = class extends BaseXmlNormalizer {
      normalize(data, options, elementName) {
        return {
          type: "element",
          name: elementName,
          children: [
            makeTextElement(data.id, "id"),
            this._factory.makeForVulnerabilitySource().normalize(data.source, options, "source")
          ]
        };
      }
      normalizeIterable(data, options, elementName) {
        return (options.sortLists ?? false ? data.sorted() : Array.from(data)).map((r) => this.normalize(r, options, elementName));
      }
    };
    exports.VulnerabilityReferenceNormalizer = VulnerabilityReferenceNormalizer;
    var VulnerabilityRatingNormalizer = class extends BaseXmlNormalizer {
      normalize(data, options, elementName) {
        return {
          type: "element",
          name: elementName,
          children: [
            data.source === void 0 ? void 0 : this._factory.makeForVulnerabilitySource().normalize(data.source, options, "source"),
            makeOptionalTextElement(data.score, "score"),
            makeOptionalTextElement(data.severity, "severity"),
            this._factory.spec.supportsVulnerabilityRatingMethod(data.method) ? makeOptionalTextElement(data.method, "method") : void 0,
            makeOptionalTextElement(data.vector, "vector", _xsd_1.normalizedString),
            makeOptionalTextElement(data.justification, "justification")
          ].filter(notUndefined_1.isNotUndefined)
        };
      }
      normalizeIterable(data, options, elementName) {
        return (options.sortLists ?? false ? data.sorted() : Array.from(data)).map((r) => this.normalize(r, options, elementName));
      }
    };
    exports.VulnerabilityRatingNormalizer = VulnerabilityRatingNormalizer;
    var VulnerabilityAdvisoryNormalizer = class extends BaseXmlNormalizer {
      normalize(data, options, elementName) {
        const url = (0, uri_1.escapeUri)(data.url.toString());
        if (!types_1.XmlSchema.isAnyURI(url)) {
          return void 0;
        }
        return {
          type: "element",
          name: elementName,
          children: [
            makeOptionalTextElement(data.title, "title"),
            makeTextElement(url, "url")
          ].filter(notUndefined_1.isNotUndefined)
        };
      }
      normalizeIterable(data, options, elementName) {
        return (options.sortLists ?? false ? data.sorted() : Array.from(data)).map((a) => this.normalize(a, options, elementName)).filter(notUndefined_1.isNotUndefined);
      }
    };
    exports.VulnerabilityAdvisoryNormalizer = VulnerabilityAdvisoryNormalizer;
    var VulnerabilityCreditsNormalizer = class extends BaseXmlNormalizer {
      normalize(data, options, elementName) {
        const organizations = data.organizations.size > 0 ? {
          type: "element",
          name: "organizations",
          children: this._factory.makeForOrganizationalEntity().normalizeIterable(data.organizations, options, "organization")
        } : void 0;
        const individuals = data.individuals.size > 0 ? {
          type: "element",
          name: "individuals",
          children: this._factory.makeForOrganizationalContact().normalizeIterable(data.individuals, options, "individual")
        } : void 0;
        return {
          type: "element",
          name: elementName,
          children: [
            organizations,
            individuals
          ].filter(notUndefined_1.isNotUndefined)
        };
      }
    };
    exports.VulnerabilityCreditsNormalizer = VulnerabilityCreditsNormalizer;
    var VulnerabilityAnalysisNormalizer = class extends BaseXmlNormalizer {
      normalize(data, options, elementName) {
        const responses = data.response.size > 0 ? {
          type: "element",
          name: "responses",
          children: (options.sortLists ?? false ? data.response.sorted() : Array.from(data.response)).map((ar) => makeTextElement(ar, "response"))
        } : void 0;
        return {
          type: "element",
          name: elementName,
          children: [
            makeOptionalTextElement(data.state, "state"),
            makeOptionalTextElement(data.justification, "justification"),
            responses,
            makeOptionalTextElement(data.detail, "detail")
          ].filter(notUndefined_1.isNotUndefined)
        };
      }
    };
    exports.VulnerabilityAnalysisNormalizer = VulnerabilityAnalysisNormalizer;
    var VulnerabilityAffectNormalizer = class extends BaseXmlNormalizer {
      normalize(data, options, elementName) {
        const versions = data.versions.size > 0 ? {
          type: "element",
          name: "versions",
          children: this._factory.makeForVulnerabilityAffectedVersion().normalizeIterable(data.versions, options, "version")
        } : void 0;
        return {
          type: "element",
          name: elementName,
          children: [
            makeTextElement(data.ref, "ref"),
            versions
          ].filter(notUndefined_1.isNotUndefined)
        };
      }
      normalizeIterable(data, options, elementName) {
        return (options.sortLists ?? false ? data.sorted() : Array.from(data)).map((a) => this.normalize(a, options, elementName));
      }
    };
    exports.VulnerabilityAffectNormalizer = VulnerabilityAffectNormalizer;
    var VulnerabilityAffectedVersionNormalizer = class extends BaseXmlNormalizer {
      normalize(data, options, elementName) {
        switch (true) {
          case data instanceof affect_1.AffectedSingleVersion:
            return this.#normalizeAffectedSingleVersion(data, elementName);
          case data instanceof affect_1.AffectedVersionRange:
            return this.#normalizeAffectedVersionRange(data, elementName);
          default:
            throw new TypeError("Unexpected Vulnerability AffectedVersion");
        }
      }
      #normalizeAffectedSingleVersion(data, elementName) {
        return {
          type: "element",
          name: elementName,
          children: [
            makeTextElement(data.version, "version", _xsd_1.normalizedString),
            makeOptionalTextElement(data.status, "status")
          ].filter(notUndefined_1.isNotUndefined)
        };
      }
      #normalizeAffectedVersionRange(data, elementName) {
        return {
          type: "element",
          name: elementName,
          children: [
            makeTextElement(data.range, "range", _xsd_1.normalizedString),
            makeOptionalTextElement(data.status, "status")
          ].filter(notUndefined_1.isNotUndefined)
        };
      }
      normalizeIterable(data, options, elementName) {
        return (options.sortLists ?? false ? data.sorted() : Array.from(data)).map((av) => this.normalize(av, options, elementName));
      }
    };
    exports.VulnerabilityAffectedVersionNormalizer = VulnerabilityAffectedVersionNormalizer;
    var noTEM = (s) => s;
    function makeOptionalTextElement(data, elementName, mod = noTEM) {
      const s = mod(data?.toString() ?? "");
      return s.length > 0 ? makeTextElement(s, elementName) : void 0;
    }
    function makeTextElement(data, elementName, mod = noTEM) {
      return {
        type: "element",
        name: elementName,
        children: mod(data.toString())
      };
    }
    function makeTextElementIter(data, options, elementName, mod = noTEM) {
      const r = Array.from(data, (d) => makeTextElement(d, elementName, mod));
      if (options.sortLists ?? false) {
        r.sort(({ children: a }, { children: b }) => a.localeCompare(b));
      }
      return r;
    }
    function makeOptionalDateTimeElement(data, elementName, mod = noTEM) {
      const d = data?.toISOString();
      return d === void 0 ? void 0 : makeTextElement(d, elementName, mod);
    }
  }
});

// node_modules/@cyclonedx/cyclonedx-library/dist.node/serialize/xml/index.js
var require_xml = __commonJS({
  "node_modules/@cyclonedx/cyclonedx-library/dist.node/serialize/xml/index.js"(exports) {
    "use strict";
    var __createBinding = exports && exports.__createBinding || (Object.create ? (function(o, m, k, k2) {
      if (k2 === void 0) k2 = k;
      var desc = Object.getOwnPropertyDescriptor(m, k);
      if (!desc || ("get" in desc ? !m.__esModule : desc.writable || desc.configurable)) {
        desc = { enumerable: true, get: function() {
          return m[k];
        } };
      }
      Object.defineProperty(o, k2, desc);
    }) : (function(o, m, k, k2) {
      if (k2 === void 0) k2 = k;
      o[k2] = m[k];
    }));
    var __setModuleDefault = exports && exports.__setModuleDefault || (Object.create ? (function(o, v) {
      Object.defineProperty(o, "default", { enumerable: true, value: v });
    }) : function(o, v) {
      o["default"] = v;
    });
    var __importStar = exports && exports.__importStar || /* @__PURE__ */ (function() {
      var ownKeys = function(o) {
        ownKeys = Object.getOwnPropertyNames || function(o2) {
          var ar = [];
          for (var k in o2) if (Object.prototype.hasOwnProperty.call(o2, k)) ar[ar.length] = k;
          return ar;
        };
        return ownKeys(o);
      };
      return function(mod) {
        if (mod && mod.__esModule) return mod;
        var result = {};
        if (mod != null) {
          for (var k = ownKeys(mod), i = 0; i < k.length; i++) if (k[i] !== "default") __createBinding(result, mod, k[i]);
        }
        __setModuleDefault(result, mod);
        return result;
      };
    })();
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.Types = exports.Normalize = void 0;
    exports.Normalize = __importStar(require_normalize2());
    exports.Types = __importStar(require_types3());
  }
});

// node_modules/@cyclonedx/cyclonedx-library/dist.node/serialize/xmlBaseSerializer.js
var require_xmlBaseSerializer = __commonJS({
  "node_modules/@cyclonedx/cyclonedx-library/dist.node/serialize/xmlBaseSerializer.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.XmlBaseSerializer = void 0;
    var enums_1 = require_enums2();
    var errors_1 = require_errors3();
    var baseSerializer_1 = require_baseSerializer();
    var XmlBaseSerializer = class extends baseSerializer_1.BaseSerializer {
      #normalizerFactory;
      constructor(normalizerFactory) {
        if (!normalizerFactory.spec.supportsFormat(enums_1.Format.XML)) {
          throw new errors_1.UnsupportedFormatError("Spec does not support XML format.");
        }
        super();
        this.#normalizerFactory = normalizerFactory;
      }
      get normalizerFactory() {
        return this.#normalizerFactory;
      }
      _normalize(bom, options = {}) {
        return this.#normalizerFactory.makeForBom().normalize(bom, options);
      }
    };
    exports.XmlBaseSerializer = XmlBaseSerializer;
  }
});

// node_modules/@cyclonedx/cyclonedx-library/dist.node/serialize/index.common.js
var require_index_common = __commonJS({
  "node_modules/@cyclonedx/cyclonedx-library/dist.node/serialize/index.common.js"(exports) {
    "use strict";
    var __createBinding = exports && exports.__createBinding || (Object.create ? (function(o, m, k, k2) {
      if (k2 === void 0) k2 = k;
      var desc = Object.getOwnPropertyDescriptor(m, k);
      if (!desc || ("get" in desc ? !m.__esModule : desc.writable || desc.configurable)) {
        desc = { enumerable: true, get: function() {
          return m[k];
        } };
      }
      Object.defineProperty(o, k2, desc);
    }) : (function(o, m, k, k2) {
      if (k2 === void 0) k2 = k;
      o[k2] = m[k];
    }));
    var __setModuleDefault = exports && exports.__setModuleDefault || (Object.create ? (function(o, v) {
      Object.defineProperty(o, "default", { enumerable: true, value: v });
    }) : function(o, v) {
      o["default"] = v;
    });
    var __exportStar = exports && exports.__exportStar || function(m, exports2) {
      for (var p in m) if (p !== "default" && !Object.prototype.hasOwnProperty.call(exports2, p)) __createBinding(exports2, m, p);
    };
    var __importStar = exports && exports.__importStar || /* @__PURE__ */ (function() {
      var ownKeys = function(o) {
        ownKeys = Object.getOwnPropertyNames || function(o2) {
          var ar = [];
          for (var k in o2) if (Object.prototype.hasOwnProperty.call(o2, k)) ar[ar.length] = k;
          return ar;
        };
        return ownKeys(o);
      };
      return function(mod) {
        if (mod && mod.__esModule) return mod;
        var result = {};
        if (mod != null) {
          for (var k = ownKeys(mod), i = 0; i < k.length; i++) if (k[i] !== "default") __createBinding(result, mod, k[i]);
        }
        __setModuleDefault(result, mod);
        return result;
      };
    })();
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.XML = exports.JSON = exports.Types = void 0;
    __exportStar(require_bomRefDiscriminator(), exports);
    __exportStar(require_errors2(), exports);
    exports.Types = __importStar(require_types());
    __exportStar(require_baseSerializer(), exports);
    exports.JSON = __importStar(require_json());
    __exportStar(require_jsonSerializer(), exports);
    exports.XML = __importStar(require_xml());
    __exportStar(require_xmlBaseSerializer(), exports);
  }
});

// node_modules/@cyclonedx/cyclonedx-library/dist.node/_optPlug.node/_wrapper.js
var require_wrapper = __commonJS({
  "node_modules/@cyclonedx/cyclonedx-library/dist.node/_optPlug.node/_wrapper.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.default = default_1;
    var errors_1 = require_errors();
    function makeWIllThrow(message) {
      const f = function() {
        throw new errors_1.OptPlugError(message);
      };
      f.fails = true;
      return Object.freeze(f);
    }
    function default_1(name, pf) {
      for (const [, getF] of pf) {
        try {
          return getF();
        } catch {
        }
      }
      return makeWIllThrow(`No ${name} available.
Please install one of the optional dependencies: ` + pf.map((kv) => kv[0]).join(" || "));
    }
  }
});

// node_modules/@cyclonedx/cyclonedx-library/dist.node/_optPlug.node/__xmlStringifiers/xmlbuilder2.js
var require_xmlbuilder2 = __commonJS({
  "node_modules/@cyclonedx/cyclonedx-library/dist.node/_optPlug.node/__xmlStringifiers/xmlbuilder2.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var xmlbuilder2_1 = __require("xmlbuilder2");
    if (typeof xmlbuilder2_1.create !== "function") {
      throw new Error("`create` is not a function");
    }
    exports.default = (function(rootElement, { space } = {}) {
      const indent = makeIndent(space);
      const doc = (0, xmlbuilder2_1.create)({ encoding: "UTF-8" });
      addEle(doc, rootElement);
      return doc.end({
        format: "xml",
        newline: "\n",
        prettyPrint: indent.length > 0,
        indent
      });
    });
    function addEle(parent, element, parentNS = null) {
      if (element.type !== "element") {
        return;
      }
      const ns = getNS(element) ?? parentNS;
      const ele = parent.ele(ns, element.name, element.attributes);
      if (element.children === void 0) {
      } else if (typeof element.children === "string" || typeof element.children === "number") {
        ele.txt(element.children.toString());
      } else {
        for (const child of element.children) {
          addEle(ele, child, ns);
        }
      }
    }
    function getNS(element) {
      const ns = (element.namespace ?? element.attributes?.xmlns)?.toString() ?? "";
      return ns.length > 0 ? ns : null;
    }
    function makeIndent(space) {
      if (typeof space === "number") {
        return " ".repeat(Math.max(0, space));
      }
      if (typeof space === "string") {
        return space;
      }
      return "";
    }
  }
});

// node_modules/@cyclonedx/cyclonedx-library/dist.node/_optPlug.node/xmlStringify.js
var require_xmlStringify = __commonJS({
  "node_modules/@cyclonedx/cyclonedx-library/dist.node/_optPlug.node/xmlStringify.js"(exports) {
    "use strict";
    var __importDefault = exports && exports.__importDefault || function(mod) {
      return mod && mod.__esModule ? mod : { "default": mod };
    };
    Object.defineProperty(exports, "__esModule", { value: true });
    var _wrapper_1 = __importDefault(require_wrapper());
    exports.default = (0, _wrapper_1.default)("XmlStringifier", [
      ["xmlbuilder2", () => require_xmlbuilder2().default]
    ]);
  }
});

// node_modules/@cyclonedx/cyclonedx-library/dist.node/serialize/xmlSerializer.node.js
var require_xmlSerializer_node = __commonJS({
  "node_modules/@cyclonedx/cyclonedx-library/dist.node/serialize/xmlSerializer.node.js"(exports) {
    "use strict";
    var __importDefault = exports && exports.__importDefault || function(mod) {
      return mod && mod.__esModule ? mod : { "default": mod };
    };
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.XmlSerializer = void 0;
    var errors_1 = require_errors();
    var xmlStringify_1 = __importDefault(require_xmlStringify());
    var errors_2 = require_errors2();
    var xmlBaseSerializer_1 = require_xmlBaseSerializer();
    var XmlSerializer = class extends xmlBaseSerializer_1.XmlBaseSerializer {
      _serialize(normalizedBom, options = {}) {
        try {
          return (0, xmlStringify_1.default)(normalizedBom, options);
        } catch (err) {
          if (err instanceof errors_1.OptPlugError) {
            throw new errors_2.MissingOptionalDependencyError(err.message, err);
          }
          throw err;
        }
      }
    };
    exports.XmlSerializer = XmlSerializer;
  }
});

// node_modules/@cyclonedx/cyclonedx-library/dist.node/serialize/index.node.js
var require_index_node = __commonJS({
  "node_modules/@cyclonedx/cyclonedx-library/dist.node/serialize/index.node.js"(exports) {
    "use strict";
    var __createBinding = exports && exports.__createBinding || (Object.create ? (function(o, m, k, k2) {
      if (k2 === void 0) k2 = k;
      var desc = Object.getOwnPropertyDescriptor(m, k);
      if (!desc || ("get" in desc ? !m.__esModule : desc.writable || desc.configurable)) {
        desc = { enumerable: true, get: function() {
          return m[k];
        } };
      }
      Object.defineProperty(o, k2, desc);
    }) : (function(o, m, k, k2) {
      if (k2 === void 0) k2 = k;
      o[k2] = m[k];
    }));
    var __exportStar = exports && exports.__exportStar || function(m, exports2) {
      for (var p in m) if (p !== "default" && !Object.prototype.hasOwnProperty.call(exports2, p)) __createBinding(exports2, m, p);
    };
    Object.defineProperty(exports, "__esModule", { value: true });
    __exportStar(require_index_common(), exports);
    __exportStar(require_xmlSerializer_node(), exports);
  }
});

// node_modules/@cyclonedx/cyclonedx-library/dist.node/spec/_protocol.js
var require_protocol = __commonJS({
  "node_modules/@cyclonedx/cyclonedx-library/dist.node/spec/_protocol.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports._Spec = void 0;
    var models_1 = require_models();
    var _Spec = class {
      #version;
      #formats;
      #componentTypes;
      #hashAlgorithms;
      #hashValuePattern;
      #externalReferenceTypes;
      #vulnerabilityRatingMethods;
      #supportsDependencyGraph;
      #supportsToolReferences;
      #requiresComponentVersion;
      #supportsProperties;
      #supportsVulnerabilities;
      #supportsComponentEvidence;
      #supportsMetadataLifecycles;
      #supportsMetadataLicenses;
      #supportsMetadataProperties;
      #supportsExternalReferenceHashes;
      #supportsLicenseAcknowledgement;
      #supportsServices;
      #supportsToolsComponentsServices;
      #supportsLicenseProperties;
      constructor(version, formats, componentTypes, hashAlgorithms, hashValuePattern, externalReferenceTypes, supportsDependencyGraph, supportsToolReferences, requiresComponentVersion, supportsProperties, supportsVulnerabilities, vulnerabilityRatingMethods, supportsComponentEvidence, supportsMetadataLifecycles, supportsMetadataLicenses, supportsMetadataProperties, supportsExternalReferenceHashes, supportsLicenseAcknowledgement, supportsServices, supportsToolsComponentsServices, supportsLicenseProperties) {
        this.#version = version;
        this.#formats = new Set(formats);
        this.#componentTypes = new Set(componentTypes);
        this.#hashAlgorithms = new Set(hashAlgorithms);
        this.#hashValuePattern = hashValuePattern;
        this.#externalReferenceTypes = new Set(externalReferenceTypes);
        this.#supportsDependencyGraph = supportsDependencyGraph;
        this.#supportsToolReferences = supportsToolReferences;
        this.#requiresComponentVersion = requiresComponentVersion;
        this.#supportsProperties = supportsProperties;
        this.#supportsVulnerabilities = supportsVulnerabilities;
        this.#vulnerabilityRatingMethods = new Set(vulnerabilityRatingMethods);
        this.#supportsComponentEvidence = supportsComponentEvidence;
        this.#supportsMetadataLifecycles = supportsMetadataLifecycles;
        this.#supportsMetadataLicenses = supportsMetadataLicenses;
        this.#supportsMetadataProperties = supportsMetadataProperties;
        this.#supportsExternalReferenceHashes = supportsExternalReferenceHashes;
        this.#supportsLicenseAcknowledgement = supportsLicenseAcknowledgement;
        this.#supportsServices = supportsServices;
        this.#supportsToolsComponentsServices = supportsToolsComponentsServices;
        this.#supportsLicenseProperties = supportsLicenseProperties;
      }
      get version() {
        return this.#version;
      }
      supportsFormat(f) {
        return this.#formats.has(f);
      }
      supportsComponentType(ct) {
        return this.#componentTypes.has(ct);
      }
      supportsHashAlgorithm(ha) {
        return this.#hashAlgorithms.has(ha);
      }
      supportsHashValue(hv) {
        return typeof hv === "string" && this.#hashValuePattern.test(hv);
      }
      supportsExternalReferenceType(ert) {
        return this.#externalReferenceTypes.has(ert);
      }
      get supportsDependencyGraph() {
        return this.#supportsDependencyGraph;
      }
      get supportsToolReferences() {
        return this.#supportsToolReferences;
      }
      get requiresComponentVersion() {
        return this.#requiresComponentVersion;
      }
      supportsProperties(model) {
        switch (true) {
          case (model instanceof models_1.NamedLicense || model instanceof models_1.SpdxLicense):
            return this.#supportsLicenseProperties;
          default:
            return this.#supportsProperties;
        }
      }
      get supportsVulnerabilities() {
        return this.#supportsVulnerabilities;
      }
      supportsVulnerabilityRatingMethod(rm5) {
        return this.#vulnerabilityRatingMethods.has(rm5);
      }
      get supportsComponentEvidence() {
        return this.#supportsComponentEvidence;
      }
      get supportsMetadataLifecycles() {
        return this.#supportsMetadataLifecycles;
      }
      get supportsMetadataLicenses() {
        return this.#supportsMetadataLicenses;
      }
      get supportsMetadataProperties() {
        return this.#supportsMetadataProperties;
      }
      get supportsExternalReferenceHashes() {
        return this.#supportsExternalReferenceHashes;
      }
      get supportsLicenseAcknowledgement() {
        return this.#supportsLicenseAcknowledgement;
      }
      get supportsServices() {
        return this.#supportsServices;
      }
      get supportsToolsComponentsServices() {
        return this.#supportsToolsComponentsServices;
      }
    };
    exports._Spec = _Spec;
  }
});

// node_modules/@cyclonedx/cyclonedx-library/dist.node/spec/consts.js
var require_consts = __commonJS({
  "node_modules/@cyclonedx/cyclonedx-library/dist.node/spec/consts.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.SpecVersionDict = exports.Spec1dot7 = exports.Spec1dot6 = exports.Spec1dot5 = exports.Spec1dot4 = exports.Spec1dot3 = exports.Spec1dot2 = void 0;
    var componentType_1 = require_componentType();
    var externalReferenceType_1 = require_externalReferenceType();
    var hashAlogorithm_1 = require_hashAlogorithm();
    var ratingMethod_1 = require_ratingMethod();
    var _protocol_1 = require_protocol();
    var enums_1 = require_enums2();
    exports.Spec1dot2 = Object.freeze(new _protocol_1._Spec(enums_1.Version.v1dot2, [
      enums_1.Format.XML,
      enums_1.Format.JSON
    ], [
      componentType_1.ComponentType.Application,
      componentType_1.ComponentType.Framework,
      componentType_1.ComponentType.Library,
      componentType_1.ComponentType.Container,
      componentType_1.ComponentType.OperatingSystem,
      componentType_1.ComponentType.Device,
      componentType_1.ComponentType.Firmware,
      componentType_1.ComponentType.File
    ], [
      hashAlogorithm_1.HashAlgorithm.MD5,
      hashAlogorithm_1.HashAlgorithm["SHA-1"],
      hashAlogorithm_1.HashAlgorithm["SHA-256"],
      hashAlogorithm_1.HashAlgorithm["SHA-384"],
      hashAlogorithm_1.HashAlgorithm["SHA-512"],
      hashAlogorithm_1.HashAlgorithm["SHA3-256"],
      hashAlogorithm_1.HashAlgorithm["SHA3-384"],
      hashAlogorithm_1.HashAlgorithm["SHA3-512"],
      hashAlogorithm_1.HashAlgorithm["BLAKE2b-256"],
      hashAlogorithm_1.HashAlgorithm["BLAKE2b-384"],
      hashAlogorithm_1.HashAlgorithm["BLAKE2b-512"],
      hashAlogorithm_1.HashAlgorithm.BLAKE3
    ], /^([a-fA-F0-9]{32})$|^([a-fA-F0-9]{40})$|^([a-fA-F0-9]{64})$|^([a-fA-F0-9]{96})$|^([a-fA-F0-9]{128})$/, [
      externalReferenceType_1.ExternalReferenceType.VCS,
      externalReferenceType_1.ExternalReferenceType.IssueTracker,
      externalReferenceType_1.ExternalReferenceType.Website,
      externalReferenceType_1.ExternalReferenceType.Advisories,
      externalReferenceType_1.ExternalReferenceType.BOM,
      externalReferenceType_1.ExternalReferenceType.MailingList,
      externalReferenceType_1.ExternalReferenceType.Social,
      externalReferenceType_1.ExternalReferenceType.Chat,
      externalReferenceType_1.ExternalReferenceType.Documentation,
      externalReferenceType_1.ExternalReferenceType.Support,
      externalReferenceType_1.ExternalReferenceType.Distribution,
      externalReferenceType_1.ExternalReferenceType.License,
      externalReferenceType_1.ExternalReferenceType.BuildMeta,
      externalReferenceType_1.ExternalReferenceType.BuildSystem,
      externalReferenceType_1.ExternalReferenceType.Other
    ], true, false, true, false, false, [], false, false, false, false, false, false, true, false, false));
    exports.Spec1dot3 = Object.freeze(new _protocol_1._Spec(enums_1.Version.v1dot3, [
      enums_1.Format.XML,
      enums_1.Format.JSON
    ], [
      componentType_1.ComponentType.Application,
      componentType_1.ComponentType.Framework,
      componentType_1.ComponentType.Library,
      componentType_1.ComponentType.Container,
      componentType_1.ComponentType.OperatingSystem,
      componentType_1.ComponentType.Device,
      componentType_1.ComponentType.Firmware,
      componentType_1.ComponentType.File
    ], [
      hashAlogorithm_1.HashAlgorithm.MD5,
      hashAlogorithm_1.HashAlgorithm["SHA-1"],
      hashAlogorithm_1.HashAlgorithm["SHA-256"],
      hashAlogorithm_1.HashAlgorithm["SHA-384"],
      hashAlogorithm_1.HashAlgorithm["SHA-512"],
      hashAlogorithm_1.HashAlgorithm["SHA3-256"],
      hashAlogorithm_1.HashAlgorithm["SHA3-384"],
      hashAlogorithm_1.HashAlgorithm["SHA3-512"],
      hashAlogorithm_1.HashAlgorithm["BLAKE2b-256"],
      hashAlogorithm_1.HashAlgorithm["BLAKE2b-384"],
      hashAlogorithm_1.HashAlgorithm["BLAKE2b-512"],
      hashAlogorithm_1.HashAlgorithm.BLAKE3
    ], /^([a-fA-F0-9]{32})$|^([a-fA-F0-9]{40})$|^([a-fA-F0-9]{64})$|^([a-fA-F0-9]{96})$|^([a-fA-F0-9]{128})$/, [
      externalReferenceType_1.ExternalReferenceType.VCS,
      externalReferenceType_1.ExternalReferenceType.IssueTracker,
      externalReferenceType_1.ExternalReferenceType.Website,
      externalReferenceType_1.ExternalReferenceType.Advisories,
      externalReferenceType_1.ExternalReferenceType.BOM,
      externalReferenceType_1.ExternalReferenceType.MailingList,
      externalReferenceType_1.ExternalReferenceType.Social,
      externalReferenceType_1.ExternalReferenceType.Chat,
      externalReferenceType_1.ExternalReferenceType.Documentation,
      externalReferenceType_1.ExternalReferenceType.Support,
      externalReferenceType_1.ExternalReferenceType.Distribution,
      externalReferenceType_1.ExternalReferenceType.License,
      externalReferenceType_1.ExternalReferenceType.BuildMeta,
      externalReferenceType_1.ExternalReferenceType.BuildSystem,
      externalReferenceType_1.ExternalReferenceType.Other
    ], true, false, true, true, false, [], true, false, true, true, true, false, true, false, false));
    exports.Spec1dot4 = Object.freeze(new _protocol_1._Spec(enums_1.Version.v1dot4, [
      enums_1.Format.XML,
      enums_1.Format.JSON
    ], [
      componentType_1.ComponentType.Application,
      componentType_1.ComponentType.Framework,
      componentType_1.ComponentType.Library,
      componentType_1.ComponentType.Container,
      componentType_1.ComponentType.OperatingSystem,
      componentType_1.ComponentType.Device,
      componentType_1.ComponentType.Firmware,
      componentType_1.ComponentType.File
    ], [
      hashAlogorithm_1.HashAlgorithm.MD5,
      hashAlogorithm_1.HashAlgorithm["SHA-1"],
      hashAlogorithm_1.HashAlgorithm["SHA-256"],
      hashAlogorithm_1.HashAlgorithm["SHA-384"],
      hashAlogorithm_1.HashAlgorithm["SHA-512"],
      hashAlogorithm_1.HashAlgorithm["SHA3-256"],
      hashAlogorithm_1.HashAlgorithm["SHA3-384"],
      hashAlogorithm_1.HashAlgorithm["SHA3-512"],
      hashAlogorithm_1.HashAlgorithm["BLAKE2b-256"],
      hashAlogorithm_1.HashAlgorithm["BLAKE2b-384"],
      hashAlogorithm_1.HashAlgorithm["BLAKE2b-512"],
      hashAlogorithm_1.HashAlgorithm.BLAKE3
    ], /^([a-fA-F0-9]{32})$|^([a-fA-F0-9]{40})$|^([a-fA-F0-9]{64})$|^([a-fA-F0-9]{96})$|^([a-fA-F0-9]{128})$/, [
      externalReferenceType_1.ExternalReferenceType.VCS,
      externalReferenceType_1.ExternalReferenceType.IssueTracker,
      externalReferenceType_1.ExternalReferenceType.Website,
      externalReferenceType_1.ExternalReferenceType.Advisories,
      externalReferenceType_1.ExternalReferenceType.BOM,
      externalReferenceType_1.ExternalReferenceType.MailingList,
      externalReferenceType_1.ExternalReferenceType.Social,
      externalReferenceType_1.ExternalReferenceType.Chat,
      externalReferenceType_1.ExternalReferenceType.Documentation,
      externalReferenceType_1.ExternalReferenceType.Support,
      externalReferenceType_1.ExternalReferenceType.Distribution,
      externalReferenceType_1.ExternalReferenceType.License,
      externalReferenceType_1.ExternalReferenceType.BuildMeta,
      externalReferenceType_1.ExternalReferenceType.BuildSystem,
      externalReferenceType_1.ExternalReferenceType.ReleaseNotes,
      externalReferenceType_1.ExternalReferenceType.Other
    ], true, true, false, true, true, [
      ratingMethod_1.RatingMethod.CVSSv2,
      ratingMethod_1.RatingMethod.CVSSv3,
      ratingMethod_1.RatingMethod.CVSSv31,
      ratingMethod_1.RatingMethod.OWASP,
      ratingMethod_1.RatingMethod.Other
    ], true, false, true, true, true, false, true, false, false));
    exports.Spec1dot5 = Object.freeze(new _protocol_1._Spec(enums_1.Version.v1dot5, [
      enums_1.Format.XML,
      enums_1.Format.JSON
    ], [
      componentType_1.ComponentType.Application,
      componentType_1.ComponentType.Framework,
      componentType_1.ComponentType.Library,
      componentType_1.ComponentType.Container,
      componentType_1.ComponentType.Platform,
      componentType_1.ComponentType.OperatingSystem,
      componentType_1.ComponentType.Device,
      componentType_1.ComponentType.DeviceDriver,
      componentType_1.ComponentType.Firmware,
      componentType_1.ComponentType.File,
      componentType_1.ComponentType.MachineLearningModel,
      componentType_1.ComponentType.Data
    ], [
      hashAlogorithm_1.HashAlgorithm.MD5,
      hashAlogorithm_1.HashAlgorithm["SHA-1"],
      hashAlogorithm_1.HashAlgorithm["SHA-256"],
      hashAlogorithm_1.HashAlgorithm["SHA-384"],
      hashAlogorithm_1.HashAlgorithm["SHA-512"],
      hashAlogorithm_1.HashAlgorithm["SHA3-256"],
      hashAlogorithm_1.HashAlgorithm["SHA3-384"],
      hashAlogorithm_1.HashAlgorithm["SHA3-512"],
      hashAlogorithm_1.HashAlgorithm["BLAKE2b-256"],
      hashAlogorithm_1.HashAlgorithm["BLAKE2b-384"],
      hashAlogorithm_1.HashAlgorithm["BLAKE2b-512"],
      hashAlogorithm_1.HashAlgorithm.BLAKE3
    ], /^([a-fA-F0-9]{32})$|^([a-fA-F0-9]{40})$|^([a-fA-F0-9]{64})$|^([a-fA-F0-9]{96})$|^([a-fA-F0-9]{128})$/, [
      externalReferenceType_1.ExternalReferenceType.VCS,
      externalReferenceType_1.ExternalReferenceType.IssueTracker,
      externalReferenceType_1.ExternalReferenceType.Website,
      externalReferenceType_1.ExternalReferenceType.Advisories,
      externalReferenceType_1.ExternalReferenceType.BOM,
      externalReferenceType_1.ExternalReferenceType.MailingList,
      externalReferenceType_1.ExternalReferenceType.Social,
      externalReferenceType_1.ExternalReferenceType.Chat,
      externalReferenceType_1.ExternalReferenceType.Documentation,
      externalReferenceType_1.ExternalReferenceType.Support,
      externalReferenceType_1.ExternalReferenceType.Distribution,
      externalReferenceType_1.ExternalReferenceType.DistributionIntake,
      externalReferenceType_1.ExternalReferenceType.License,
      externalReferenceType_1.ExternalReferenceType.BuildMeta,
      externalReferenceType_1.ExternalReferenceType.BuildSystem,
      externalReferenceType_1.ExternalReferenceType.ReleaseNotes,
      externalReferenceType_1.ExternalReferenceType.SecurityContact,
      externalReferenceType_1.ExternalReferenceType.ModelCard,
      externalReferenceType_1.ExternalReferenceType.Log,
      externalReferenceType_1.ExternalReferenceType.Configuration,
      externalReferenceType_1.ExternalReferenceType.Evidence,
      externalReferenceType_1.ExternalReferenceType.Formulation,
      externalReferenceType_1.ExternalReferenceType.Attestation,
      externalReferenceType_1.ExternalReferenceType.ThreatModel,
      externalReferenceType_1.ExternalReferenceType.AdversaryModel,
      externalReferenceType_1.ExternalReferenceType.RiskAssessment,
      externalReferenceType_1.ExternalReferenceType.VulnerabilityAssertion,
      externalReferenceType_1.ExternalReferenceType.ExploitabilityStatement,
      externalReferenceType_1.ExternalReferenceType.PentestReport,
      externalReferenceType_1.ExternalReferenceType.StaticAnalysisReport,
      externalReferenceType_1.ExternalReferenceType.DynamicAnalysisReport,
      externalReferenceType_1.ExternalReferenceType.RuntimeAnalysisReport,
      externalReferenceType_1.ExternalReferenceType.ComponentAnalysisReport,
      externalReferenceType_1.ExternalReferenceType.MaturityReport,
      externalReferenceType_1.ExternalReferenceType.CertificationReport,
      externalReferenceType_1.ExternalReferenceType.CodifiedInfrastructure,
      externalReferenceType_1.ExternalReferenceType.QualityMetrics,
      externalReferenceType_1.ExternalReferenceType.POAM,
      externalReferenceType_1.ExternalReferenceType.Other
    ], true, true, false, true, true, [
      ratingMethod_1.RatingMethod.CVSSv2,
      ratingMethod_1.RatingMethod.CVSSv3,
      ratingMethod_1.RatingMethod.CVSSv31,
      ratingMethod_1.RatingMethod.CVSSv4,
      ratingMethod_1.RatingMethod.OWASP,
      ratingMethod_1.RatingMethod.SSVC,
      ratingMethod_1.RatingMethod.Other
    ], true, true, true, true, true, false, true, true, true));
    exports.Spec1dot6 = Object.freeze(new _protocol_1._Spec(enums_1.Version.v1dot6, [
      enums_1.Format.XML,
      enums_1.Format.JSON
    ], [
      componentType_1.ComponentType.Application,
      componentType_1.ComponentType.Framework,
      componentType_1.ComponentType.Library,
      componentType_1.ComponentType.Container,
      componentType_1.ComponentType.Platform,
      componentType_1.ComponentType.OperatingSystem,
      componentType_1.ComponentType.Device,
      componentType_1.ComponentType.DeviceDriver,
      componentType_1.ComponentType.Firmware,
      componentType_1.ComponentType.File,
      componentType_1.ComponentType.MachineLearningModel,
      componentType_1.ComponentType.Data,
      componentType_1.ComponentType.CryptographicAsset
    ], [
      hashAlogorithm_1.HashAlgorithm.MD5,
      hashAlogorithm_1.HashAlgorithm["SHA-1"],
      hashAlogorithm_1.HashAlgorithm["SHA-256"],
      hashAlogorithm_1.HashAlgorithm["SHA-384"],
      hashAlogorithm_1.HashAlgorithm["SHA-512"],
      hashAlogorithm_1.HashAlgorithm["SHA3-256"],
      hashAlogorithm_1.HashAlgorithm["SHA3-384"],
      hashAlogorithm_1.HashAlgorithm["SHA3-512"],
      hashAlogorithm_1.HashAlgorithm["BLAKE2b-256"],
      hashAlogorithm_1.HashAlgorithm["BLAKE2b-384"],
      hashAlogorithm_1.HashAlgorithm["BLAKE2b-512"],
      hashAlogorithm_1.HashAlgorithm.BLAKE3
    ], /^([a-fA-F0-9]{32})$|^([a-fA-F0-9]{40})$|^([a-fA-F0-9]{64})$|^([a-fA-F0-9]{96})$|^([a-fA-F0-9]{128})$/, [
      externalReferenceType_1.ExternalReferenceType.VCS,
      externalReferenceType_1.ExternalReferenceType.IssueTracker,
      externalReferenceType_1.ExternalReferenceType.Website,
      externalReferenceType_1.ExternalReferenceType.Advisories,
      externalReferenceType_1.ExternalReferenceType.BOM,
      externalReferenceType_1.ExternalReferenceType.MailingList,
      externalReferenceType_1.ExternalReferenceType.Social,
      externalReferenceType_1.ExternalReferenceType.Chat,
      externalReferenceType_1.ExternalReferenceType.Documentation,
      externalReferenceType_1.ExternalReferenceType.Support,
      externalReferenceType_1.ExternalReferenceType.SourceDistribution,
      externalReferenceType_1.ExternalReferenceType.Distribution,
      externalReferenceType_1.ExternalReferenceType.DistributionIntake,
      externalReferenceType_1.ExternalReferenceType.License,
      externalReferenceType_1.ExternalReferenceType.BuildMeta,
      externalReferenceType_1.ExternalReferenceType.BuildSystem,
      externalReferenceType_1.ExternalReferenceType.ReleaseNotes,
      externalReferenceType_1.ExternalReferenceType.SecurityContact,
      externalReferenceType_1.ExternalReferenceType.ModelCard,
      externalReferenceType_1.ExternalReferenceType.Log,
      externalReferenceType_1.ExternalReferenceType.Configuration,
      externalReferenceType_1.ExternalReferenceType.Evidence,
      externalReferenceType_1.ExternalReferenceType.Formulation,
      externalReferenceType_1.ExternalReferenceType.Attestation,
      externalReferenceType_1.ExternalReferenceType.ThreatModel,
      externalReferenceType_1.ExternalReferenceType.AdversaryModel,
      externalReferenceType_1.ExternalReferenceType.RiskAssessment,
      externalReferenceType_1.ExternalReferenceType.VulnerabilityAssertion,
      externalReferenceType_1.ExternalReferenceType.ExploitabilityStatement,
      externalReferenceType_1.ExternalReferenceType.PentestReport,
      externalReferenceType_1.ExternalReferenceType.StaticAnalysisReport,
      externalReferenceType_1.ExternalReferenceType.DynamicAnalysisReport,
      externalReferenceType_1.ExternalReferenceType.RuntimeAnalysisReport,
      externalReferenceType_1.ExternalReferenceType.ComponentAnalysisReport,
      externalReferenceType_1.ExternalReferenceType.MaturityReport,
      externalReferenceType_1.ExternalReferenceType.CertificationReport,
      externalReferenceType_1.ExternalReferenceType.CodifiedInfrastructure,
      externalReferenceType_1.ExternalReferenceType.QualityMetrics,
      externalReferenceType_1.ExternalReferenceType.POAM,
      externalReferenceType_1.ExternalReferenceType.ElectronicSignature,
      externalReferenceType_1.ExternalReferenceType.DigitalSignature,
      externalReferenceType_1.ExternalReferenceType.RFC9116,
      externalReferenceType_1.ExternalReferenceType.Other
    ], true, true, false, true, true, [
      ratingMethod_1.RatingMethod.CVSSv2,
      ratingMethod_1.RatingMethod.CVSSv3,
      ratingMethod_1.RatingMethod.CVSSv31,
      ratingMethod_1.RatingMethod.CVSSv4,
      ratingMethod_1.RatingMethod.OWASP,
      ratingMethod_1.RatingMethod.SSVC,
      ratingMethod_1.RatingMethod.Other
    ], true, true, true, true, true, true, true, true, true));
    exports.Spec1dot7 = Object.freeze(new _protocol_1._Spec(enums_1.Version.v1dot7, [
      enums_1.Format.XML,
      enums_1.Format.JSON
    ], [
      componentType_1.ComponentType.Application,
      componentType_1.ComponentType.Framework,
      componentType_1.ComponentType.Library,
      componentType_1.ComponentType.Container,
      componentType_1.ComponentType.Platform,
      componentType_1.ComponentType.OperatingSystem,
      componentType_1.ComponentType.Device,
      componentType_1.ComponentType.DeviceDriver,
      componentType_1.ComponentType.Firmware,
      componentType_1.ComponentType.File,
      componentType_1.ComponentType.MachineLearningModel,
      componentType_1.ComponentType.Data,
      componentType_1.ComponentType.CryptographicAsset
    ], [
      hashAlogorithm_1.HashAlgorithm.MD5,
      hashAlogorithm_1.HashAlgorithm["SHA-1"],
      hashAlogorithm_1.HashAlgorithm["SHA-256"],
      hashAlogorithm_1.HashAlgorithm["SHA-384"],
      hashAlogorithm_1.HashAlgorithm["SHA-512"],
      hashAlogorithm_1.HashAlgorithm["SHA3-256"],
      hashAlogorithm_1.HashAlgorithm["SHA3-384"],
      hashAlogorithm_1.HashAlgorithm["SHA3-512"],
      hashAlogorithm_1.HashAlgorithm["BLAKE2b-256"],
      hashAlogorithm_1.HashAlgorithm["BLAKE2b-384"],
      hashAlogorithm_1.HashAlgorithm["BLAKE2b-512"],
      hashAlogorithm_1.HashAlgorithm.BLAKE3,
      hashAlogorithm_1.HashAlgorithm["Streebog-256"],
      hashAlogorithm_1.HashAlgorithm["Streebog-512"]
    ], /^([a-fA-F0-9]{32})$|^([a-fA-F0-9]{40})$|^([a-fA-F0-9]{64})$|^([a-fA-F0-9]{96})$|^([a-fA-F0-9]{128})$/, [
      externalReferenceType_1.ExternalReferenceType.VCS,
      externalReferenceType_1.ExternalReferenceType.IssueTracker,
      externalReferenceType_1.ExternalReferenceType.Website,
      externalReferenceType_1.ExternalReferenceType.Advisories,
      externalReferenceType_1.ExternalReferenceType.BOM,
      externalReferenceType_1.ExternalReferenceType.MailingList,
      externalReferenceType_1.ExternalReferenceType.Social,
      externalReferenceType_1.ExternalReferenceType.Chat,
      externalReferenceType_1.ExternalReferenceType.Documentation,
      externalReferenceType_1.ExternalReferenceType.Support,
      externalReferenceType_1.ExternalReferenceType.SourceDistribution,
      externalReferenceType_1.ExternalReferenceType.Distribution,
      externalReferenceType_1.ExternalReferenceType.DistributionIntake,
      externalReferenceType_1.ExternalReferenceType.License,
      externalReferenceType_1.ExternalReferenceType.BuildMeta,
      externalReferenceType_1.ExternalReferenceType.BuildSystem,
      externalReferenceType_1.ExternalReferenceType.ReleaseNotes,
      externalReferenceType_1.ExternalReferenceType.SecurityContact,
      externalReferenceType_1.ExternalReferenceType.ModelCard,
      externalReferenceType_1.ExternalReferenceType.Log,
      externalReferenceType_1.ExternalReferenceType.Configuration,
      externalReferenceType_1.ExternalReferenceType.Evidence,
      externalReferenceType_1.ExternalReferenceType.Formulation,
      externalReferenceType_1.ExternalReferenceType.Attestation,
      externalReferenceType_1.ExternalReferenceType.ThreatModel,
      externalReferenceType_1.ExternalReferenceType.AdversaryModel,
      externalReferenceType_1.ExternalReferenceType.RiskAssessment,
      externalReferenceType_1.ExternalReferenceType.VulnerabilityAssertion,
      externalReferenceType_1.ExternalReferenceType.ExploitabilityStatement,
      externalReferenceType_1.ExternalReferenceType.PentestReport,
      externalReferenceType_1.ExternalReferenceType.StaticAnalysisReport,
      externalReferenceType_1.ExternalReferenceType.DynamicAnalysisReport,
      externalReferenceType_1.ExternalReferenceType.RuntimeAnalysisReport,
      externalReferenceType_1.ExternalReferenceType.ComponentAnalysisReport,
      externalReferenceType_1.ExternalReferenceType.MaturityReport,
      externalReferenceType_1.ExternalReferenceType.CertificationReport,
      externalReferenceType_1.ExternalReferenceType.CodifiedInfrastructure,
      externalReferenceType_1.ExternalReferenceType.QualityMetrics,
      externalReferenceType_1.ExternalReferenceType.POAM,
      externalReferenceType_1.ExternalReferenceType.ElectronicSignature,
      externalReferenceType_1.ExternalReferenceType.DigitalSignature,
      externalReferenceType_1.ExternalReferenceType.RFC9116,
      externalReferenceType_1.ExternalReferenceType.Citation,
      externalReferenceType_1.ExternalReferenceType.Patent,
      externalReferenceType_1.ExternalReferenceType.PatentAssertion,
      externalReferenceType_1.ExternalReferenceType.PatentFamily,
      externalReferenceType_1.ExternalReferenceType.RFC9116,
      externalReferenceType_1.ExternalReferenceType.Other
    ], true, true, false, true, true, [
      ratingMethod_1.RatingMethod.CVSSv2,
      ratingMethod_1.RatingMethod.CVSSv3,
      ratingMethod_1.RatingMethod.CVSSv31,
      ratingMethod_1.RatingMethod.CVSSv4,
      ratingMethod_1.RatingMethod.OWASP,
      ratingMethod_1.RatingMethod.SSVC,
      ratingMethod_1.RatingMethod.Other
    ], true, true, true, true, true, true, true, true, true));
    exports.SpecVersionDict = Object.freeze({
      [enums_1.Version.v1dot7]: exports.Spec1dot7,
      [enums_1.Version.v1dot6]: exports.Spec1dot6,
      [enums_1.Version.v1dot5]: exports.Spec1dot5,
      [enums_1.Version.v1dot4]: exports.Spec1dot4,
      [enums_1.Version.v1dot3]: exports.Spec1dot3,
      [enums_1.Version.v1dot2]: exports.Spec1dot2
    });
  }
});

// node_modules/@cyclonedx/cyclonedx-library/dist.node/spec/index.js
var require_spec = __commonJS({
  "node_modules/@cyclonedx/cyclonedx-library/dist.node/spec/index.js"(exports) {
    "use strict";
    var __createBinding = exports && exports.__createBinding || (Object.create ? (function(o, m, k, k2) {
      if (k2 === void 0) k2 = k;
      var desc = Object.getOwnPropertyDescriptor(m, k);
      if (!desc || ("get" in desc ? !m.__esModule : desc.writable || desc.configurable)) {
        desc = { enumerable: true, get: function() {
          return m[k];
        } };
      }
      Object.defineProperty(o, k2, desc);
    }) : (function(o, m, k, k2) {
      if (k2 === void 0) k2 = k;
      o[k2] = m[k];
    }));
    var __exportStar = exports && exports.__exportStar || function(m, exports2) {
      for (var p in m) if (p !== "default" && !Object.prototype.hasOwnProperty.call(exports2, p)) __createBinding(exports2, m, p);
    };
    Object.defineProperty(exports, "__esModule", { value: true });
    __exportStar(require_consts(), exports);
    __exportStar(require_enums2(), exports);
    __exportStar(require_errors3(), exports);
  }
});

// node_modules/events-universal/default.js
var require_default = __commonJS({
  "node_modules/events-universal/default.js"(exports, module) {
    module.exports = __require("events");
  }
});

// node_modules/fast-fifo/fixed-size.js
var require_fixed_size = __commonJS({
  "node_modules/fast-fifo/fixed-size.js"(exports, module) {
    module.exports = class FixedFIFO {
      constructor(hwm) {
        if (!(hwm > 0) || (hwm - 1 & hwm) !== 0) throw new Error("Max size for a FixedFIFO should be a power of two");
        this.buffer = new Array(hwm);
        this.mask = hwm - 1;
        this.top = 0;
        this.btm = 0;
        this.next = null;
      }
      clear() {
        this.top = this.btm = 0;
        this.next = null;
        this.buffer.fill(void 0);
      }
      push(data) {
        if (this.buffer[this.top] !== void 0) return false;
        this.buffer[this.top] = data;
        this.top = this.top + 1 & this.mask;
        return true;
      }
      shift() {
        const last = this.buffer[this.btm];
        if (last === void 0) return void 0;
        this.buffer[this.btm] = void 0;
        this.btm = this.btm + 1 & this.mask;
        return last;
      }
      peek() {
        return this.buffer[this.btm];
      }
      isEmpty() {
        return this.buffer[this.btm] === void 0;
      }
    };
  }
});

// node_modules/fast-fifo/index.js
var require_fast_fifo = __commonJS({
  "node_modules/fast-fifo/index.js"(exports, module) {
    var FixedFIFO = require_fixed_size();
    module.exports = class FastFIFO {
      constructor(hwm) {
        this.hwm = hwm || 16;
        this.head = new FixedFIFO(this.hwm);
        this.tail = this.head;
        this.length = 0;
      }
      clear() {
        this.head = this.tail;
        this.head.clear();
        this.length = 0;
      }
      push(val) {
        this.length++;
        if (!this.head.push(val)) {
          const prev = this.head;
          this.head = prev.next = new FixedFIFO(2 * this.head.buffer.length);
          this.head.push(val);
        }
      }
      shift() {
        if (this.length !== 0) this.length--;
        const val = this.tail.shift();
        if (val === void 0 && this.tail.next) {
          const next = this.tail.next;
          this.tail.next = null;
          this.tail = next;
          return this.tail.shift();
        }
        return val;
      }
      peek() {
        const val = this.tail.peek();
        if (val === void 0 && this.tail.next) return this.tail.next.peek();
        return val;
      }
      isEmpty() {
        return this.length === 0;
      }
    };
  }
});

// node_modules/b4a/index.js
var require_b4a = __commonJS({
  "node_modules/b4a/index.js"(exports, module) {
    function isBuffer(value) {
      return Buffer.isBuffer(value) || value instanceof Uint8Array;
    }
    function isEncoding(encoding) {
      return Buffer.isEncoding(encoding);
    }
    function alloc(size, fill2, encoding) {
      return Buffer.alloc(size, fill2, encoding);
    }
    function allocUnsafe(size) {
      return Buffer.allocUnsafe(size);
    }
    function allocUnsafeSlow(size) {
      return Buffer.allocUnsafeSlow(size);
    }
    function byteLength(string, encoding) {
      return Buffer.byteLength(string, encoding);
    }
    function compare(a, b) {
      return Buffer.compare(a, b);
    }
    function concat(buffers, totalLength) {
      return Buffer.concat(buffers, totalLength);
    }
    function copy(source, target, targetStart, start, end) {
      return toBuffer(source).copy(target, targetStart, start, end);
    }
    function equals(a, b) {
      return toBuffer(a).equals(b);
    }
    function fill(buffer, value, offset, end, encoding) {
      return toBuffer(buffer).fill(value, offset, end, encoding);
    }
    function from(value, encodingOrOffset, length) {
      return Buffer.from(value, encodingOrOffset, length);
    }
    function includes(buffer, value, byteOffset, encoding) {
      return toBuffer(buffer).includes(value, byteOffset, encoding);
    }
    function indexOf(buffer, value, byfeOffset, encoding) {
      return toBuffer(buffer).indexOf(value, byfeOffset, encoding);
    }
    function lastIndexOf(buffer, value, byteOffset, encoding) {
      return toBuffer(buffer).lastIndexOf(value, byteOffset, encoding);
    }
    function swap16(buffer) {
      return toBuffer(buffer).swap16();
    }
    function swap32(buffer) {
      return toBuffer(buffer).swap32();
    }
    function swap64(buffer) {
      return toBuffer(buffer).swap64();
    }
    function toBuffer(buffer) {
      if (Buffer.isBuffer(buffer)) return buffer;
      return Buffer.from(buffer.buffer, buffer.byteOffset, buffer.byteLength);
    }
    function toString(buffer, encoding, start, end) {
      return toBuffer(buffer).toString(encoding, start, end);
    }
    function toHex(buffer, start, end) {
      return toBuffer(buffer).toString("hex", start, end);
    }
    function write(buffer, string, offset, length, encoding) {
      return toBuffer(buffer).write(string, offset, length, encoding);
    }
    function readDoubleBE(buffer, offset) {
      return toBuffer(buffer).readDoubleBE(offset);
    }
    function readDoubleLE(buffer, offset) {
      return toBuffer(buffer).readDoubleLE(offset);
    }
    function readFloatBE(buffer, offset) {
      return toBuffer(buffer).readFloatBE(offset);
    }
    function readFloatLE(buffer, offset) {
      return toBuffer(buffer).readFloatLE(offset);
    }
    function readInt32BE(buffer, offset) {
      return toBuffer(buffer).readInt32BE(offset);
    }
    function readInt32LE(buffer, offset) {
      return toBuffer(buffer).readInt32LE(offset);
    }
    function readUInt32BE(buffer, offset) {
      return toBuffer(buffer).readUInt32BE(offset);
    }
    function readUInt32LE(buffer, offset) {
      return toBuffer(buffer).readUInt32LE(offset);
    }
    function writeDoubleBE(buffer, value, offset) {
      return toBuffer(buffer).writeDoubleBE(value, offset);
    }
    function writeDoubleLE(buffer, value, offset) {
      return toBuffer(buffer).writeDoubleLE(value, offset);
    }
    function writeFloatBE(buffer, value, offset) {
      return toBuffer(buffer).writeFloatBE(value, offset);
    }
    function writeFloatLE(buffer, value, offset) {
      return toBuffer(buffer).writeFloatLE(value, offset);
    }
    function writeInt32BE(buffer, value, offset) {
      return toBuffer(buffer).writeInt32BE(value, offset);
    }
    function writeInt32LE(buffer, value, offset) {
      return toBuffer(buffer).writeInt32LE(value, offset);
    }
    function writeUInt32BE(buffer, value, offset) {
      return toBuffer(buffer).writeUInt32BE(value, offset);
    }
    function writeUInt32LE(buffer, value, offset) {
      return toBuffer(buffer).writeUInt32LE(value, offset);
    }
    module.exports = {
      isBuffer,
      isEncoding,
      alloc,
      allocUnsafe,
      allocUnsafeSlow,
      byteLength,
      compare,
      concat,
      copy,
      equals,
      fill,
      from,
      includes,
      indexOf,
      lastIndexOf,
      swap16,
      swap32,
      swap64,
      toBuffer,
      toString,
      toHex,
      write,
      readDoubleBE,
      readDoubleLE,
      readFloatBE,
      readFloatLE,
      readInt32BE,
      readInt32LE,
      readUInt32BE,
      readUInt32LE,
      writeDoubleBE,
      writeDoubleLE,
      writeFloatBE,
      writeFloatLE,
      writeInt32BE,
      writeInt32LE,
      writeUInt32BE,
      writeUInt32LE
    };
  }
});

// node_modules/text-decoder/lib/pass-through-decoder.js
var require_pass_through_decoder = __commonJS({
  "node_modules/text-decoder/lib/pass-through-decoder.js"(exports, module) {
    var b4a = require_b4a();
    module.exports = class PassThroughDecoder {
      constructor(encoding) {
        this.encoding = encoding;
      }
      get remaining() {
        return 0;
      }
      decode(data) {
        return b4a.toString(data, this.encoding);
      }
      flush() {
        return "";
      }
    };
  }
});

// node_modules/text-decoder/lib/utf8-decoder.js
var require_utf8_decoder = __commonJS({
  "node_modules/text-decoder/lib/utf8-decoder.js"(exports, module) {
    var b4a = require_b4a();
    module.exports = class UTF8Decoder {
      constructor() {
        this._reset();
      }
      get remaining() {
        return this.bytesSeen;
      }
      decode(data) {
        if (data.byteLength === 0) return "";
        if (this.bytesNeeded === 0 && trailingIncomplete(data, 0) === 0) {
          this.bytesSeen = trailingBytesSeen(data);
          return b4a.toString(data, "utf8");
        }
        let result = "";
        let start = 0;
        if (this.bytesNeeded > 0) {
          while (start < data.byteLength) {
            const byte = data[start];
            if (byte < this.lowerBoundary || byte > this.upperBoundary) {
              result += "\uFFFD";
              this._reset();
              break;
            }
            this.lowerBoundary = 128;
            this.upperBoundary = 191;
            this.codePoint = this.codePoint << 6 | byte & 63;
            this.bytesSeen++;
            start++;
            if (this.bytesSeen === this.bytesNeeded) {
              result += String.fromCodePoint(this.codePoint);
              this._reset();
              break;
            }
          }
          if (this.bytesNeeded > 0) return result;
        }
        const trailing = trailingIncomplete(data, start);
        const end = data.byteLength - trailing;
        if (end > start) result += b4a.toString(data, "utf8", start, end);
        for (let i = end; i < data.byteLength; i++) {
          const byte = data[i];
          if (this.bytesNeeded === 0) {
            if (byte <= 127) {
              this.bytesSeen = 0;
              result += String.fromCharCode(byte);
            } else if (byte >= 194 && byte <= 223) {
              this.bytesNeeded = 2;
              this.bytesSeen = 1;
              this.codePoint = byte & 31;
            } else if (byte >= 224 && byte <= 239) {
              if (byte === 224) this.lowerBoundary = 160;
              else if (byte === 237) this.upperBoundary = 159;
              this.bytesNeeded = 3;
              this.bytesSeen = 1;
              this.codePoint = byte & 15;
            } else if (byte >= 240 && byte <= 244) {
              if (byte === 240) this.lowerBoundary = 144;
              else if (byte === 244) this.upperBoundary = 143;
              this.bytesNeeded = 4;
              this.bytesSeen = 1;
              this.codePoint = byte & 7;
            } else {
              this.bytesSeen = 1;
              result += "\uFFFD";
            }
            continue;
          }
          if (byte < this.lowerBoundary || byte > this.upperBoundary) {
            result += "\uFFFD";
            i--;
            this._reset();
            continue;
          }
          this.lowerBoundary = 128;
          this.upperBoundary = 191;
          this.codePoint = this.codePoint << 6 | byte & 63;
          this.bytesSeen++;
          if (this.bytesSeen === this.bytesNeeded) {
            result += String.fromCodePoint(this.codePoint);
            this._reset();
          }
        }
        return result;
      }
      flush() {
        const result = this.bytesNeeded > 0 ? "\uFFFD" : "";
        this._reset();
        return result;
      }
      _reset() {
        this.codePoint = 0;
        this.bytesNeeded = 0;
        this.bytesSeen = 0;
        this.lowerBoundary = 128;
        this.upperBoundary = 191;
      }
    };
    function trailingIncomplete(data, start) {
      const len = data.byteLength;
      if (len <= start) return 0;
      const limit = Math.max(start, len - 4);
      let i = len - 1;
      while (i > limit && (data[i] & 192) === 128) i--;
      if (i < start) return 0;
      const byte = data[i];
      let needed;
      if (byte <= 127) return 0;
      if (byte >= 194 && byte <= 223) needed = 2;
      else if (byte >= 224 && byte <= 239) needed = 3;
      else if (byte >= 240 && byte <= 244) needed = 4;
      else return 0;
      const available = len - i;
      return available < needed ? available : 0;
    }
    function trailingBytesSeen(data) {
      const len = data.byteLength;
      if (len === 0) return 0;
      const last = data[len - 1];
      if (last <= 127) return 0;
      if ((last & 192) !== 128) return 1;
      const limit = Math.max(0, len - 4);
      let i = len - 2;
      while (i >= limit && (data[i] & 192) === 128) i--;
      if (i < 0) return 1;
      const first = data[i];
      let needed;
      if (first >= 194 && first <= 223) needed = 2;
      else if (first >= 224 && first <= 239) needed = 3;
      else if (first >= 240 && first <= 244) needed = 4;
      else return 1;
      if (len - i !== needed) return 1;
      if (needed >= 3) {
        const second = data[i + 1];
        if (first === 224 && second < 160) return 1;
        if (first === 237 && second > 159) return 1;
        if (first === 240 && second < 144) return 1;
        if (first === 244 && second > 143) return 1;
      }
      return 0;
    }
  }
});

// node_modules/text-decoder/index.js
var require_text_decoder = __commonJS({
  "node_modules/text-decoder/index.js"(exports, module) {
    var PassThroughDecoder = require_pass_through_decoder();
    var UTF8Decoder = require_utf8_decoder();
    module.exports = class TextDecoder {
      constructor(encoding = "utf8") {
        this.encoding = normalizeEncoding(encoding);
        switch (this.encoding) {
          case "utf8":
            this.decoder = new UTF8Decoder();
            break;
          case "utf16le":
          case "base64":
            throw new Error("Unsupported encoding: " + this.encoding);
          default:
            this.decoder = new PassThroughDecoder(this.encoding);
        }
      }
      get remaining() {
        return this.decoder.remaining;
      }
      push(data) {
        if (typeof data === "string") return data;
        return this.decoder.decode(data);
      }
      // For Node.js compatibility
      write(data) {
        return this.push(data);
      }
      end(data) {
        let result = "";
        if (data) result = this.push(data);
        result += this.decoder.flush();
        return result;
      }
    };
    function normalizeEncoding(encoding) {
      encoding = encoding.toLowerCase();
      switch (encoding) {
        case "utf8":
        case "utf-8":
          return "utf8";
        case "ucs2":
        case "ucs-2":
        case "utf16le":
        case "utf-16le":
          return "utf16le";
        case "latin1":
        case "binary":
          return "latin1";
        case "base64":
        case "ascii":
        case "hex":
          return encoding;
        default:
          throw new Error("Unknown encoding: " + encoding);
      }
    }
  }
});

// node_modules/streamx/lib/errors.js
var require_errors4 = __commonJS({
  "node_modules/streamx/lib/errors.js"(exports, module) {
    module.exports = class StreamError extends Error {
      constructor(msg, code, fn = StreamError) {
        super(msg);
        this.code = code;
        if (Error.captureStackTrace) {
          Error.captureStackTrace(this, fn);
        }
      }
      static isStreamDestroyed(err) {
        return err && err.code === "STREAM_DESTROYED";
      }
      static isPrematureClose(err) {
        return err && err.code === "PREMATURE_CLOSE";
      }
      static isAborted(err) {
        return err && err.code === "ABORTED";
      }
      static isBadArgument(err) {
        return err && err.code === "BAD_ARGUMENT";
      }
      get name() {
        return "StreamError";
      }
      static STREAM_DESTROYED() {
        return new StreamError("Stream was destroyed", "STREAM_DESTROYED", StreamError.STREAM_DESTROYED);
      }
      static PREMATURE_CLOSE(msg = "Premature close") {
        return new StreamError(msg, "PREMATURE_CLOSE", StreamError.PREMATURE_CLOSE);
      }
      static ABORTED() {
        return new StreamError("Stream aborted", "ABORTED", StreamError.ABORTED);
      }
      static BAD_ARGUMENT(msg = "Bad argument") {
        return new StreamError(msg, "BAD_ARGUMENT", StreamError.BAD_ARGUMENT);
      }
    };
  }
});

// node_modules/streamx/index.js
var require_streamx = __commonJS({
  "node_modules/streamx/index.js"(exports, module) {
    var { EventEmitter } = require_default();
    var FIFO = require_fast_fifo();
    var TextDecoder = require_text_decoder();
    var StreamError = require_errors4();
    var qmt = typeof queueMicrotask === "undefined" ? (fn) => global.process.nextTick(fn) : queueMicrotask;
    var MAX = (1 << 29) - 1;
    var OPENING = 1;
    var PREDESTROYING = 2;
    var DESTROYING = 4;
    var DESTROYED = 8;
    var NOT_OPENING = MAX ^ OPENING;
    var NOT_PREDESTROYING = MAX ^ PREDESTROYING;
    var READ_ACTIVE = 1 << 4;
    var READ_UPDATING = 2 << 4;
    var READ_PRIMARY = 4 << 4;
    var READ_QUEUED = 8 << 4;
    var READ_RESUMED = 16 << 4;
    var READ_PIPE_DRAINED = 32 << 4;
    var READ_ENDING = 64 << 4;
    var READ_EMIT_DATA = 128 << 4;
    var READ_EMIT_READABLE = 256 << 4;
    var READ_EMITTED_READABLE = 512 << 4;
    var READ_DONE = 1024 << 4;
    var READ_NEXT_TICK = 2048 << 4;
    var READ_NEEDS_PUSH = 4096 << 4;
    var READ_READ_AHEAD = 8192 << 4;
    var READ_FLOWING = READ_RESUMED | READ_PIPE_DRAINED;
    var READ_ACTIVE_AND_NEEDS_PUSH = READ_ACTIVE | READ_NEEDS_PUSH;
    var READ_PRIMARY_AND_ACTIVE = READ_PRIMARY | READ_ACTIVE;
    var READ_EMIT_READABLE_AND_QUEUED = READ_EMIT_READABLE | READ_QUEUED;
    var READ_RESUMED_READ_AHEAD = READ_RESUMED | READ_READ_AHEAD;
    var READ_NOT_ACTIVE = MAX ^ READ_ACTIVE;
    var READ_NON_PRIMARY = MAX ^ READ_PRIMARY;
    var READ_NON_PRIMARY_AND_PUSHED = MAX ^ (READ_PRIMARY | READ_NEEDS_PUSH);
    var READ_PUSHED = MAX ^ READ_NEEDS_PUSH;
    var READ_PAUSED = MAX ^ READ_RESUMED;
    var READ_NOT_QUEUED = MAX ^ (READ_QUEUED | READ_EMITTED_READABLE);
    var READ_NOT_ENDING = MAX ^ READ_ENDING;
    var READ_PIPE_NOT_DRAINED = MAX ^ READ_FLOWING;
    var READ_NOT_NEXT_TICK = MAX ^ READ_NEXT_TICK;
    var READ_NOT_UPDATING = MAX ^ READ_UPDATING;
    var READ_NO_READ_AHEAD = MAX ^ READ_READ_AHEAD;
    var READ_PAUSED_NO_READ_AHEAD = MAX ^ READ_RESUMED_READ_AHEAD;
    var WRITE_ACTIVE = 1 << 18;
    var WRITE_UPDATING = 2 << 18;
    var WRITE_PRIMARY = 4 << 18;
    var WRITE_QUEUED = 8 << 18;
    var WRITE_UNDRAINED = 16 << 18;
    var WRITE_DONE = 32 << 18;
    var WRITE_EMIT_DRAIN = 64 << 18;
    var WRITE_NEXT_TICK = 128 << 18;
    var WRITE_WRITING = 256 << 18;
    var WRITE_FINISHING = 512 << 18;
    var WRITE_CORKED = 1024 << 18;
    var WRITE_NOT_ACTIVE = MAX ^ (WRITE_ACTIVE | WRITE_WRITING);
    var WRITE_NON_PRIMARY = MAX ^ WRITE_PRIMARY;
    var WRITE_NOT_FINISHING = MAX ^ (WRITE_ACTIVE | WRITE_FINISHING);
    var WRITE_DRAINED = MAX ^ WRITE_UNDRAINED;
    var WRITE_NOT_QUEUED = MAX ^ WRITE_QUEUED;
    var WRITE_NOT_NEXT_TICK = MAX ^ WRITE_NEXT_TICK;
    var WRITE_NOT_UPDATING = MAX ^ WRITE_UPDATING;
    var WRITE_NOT_CORKED = MAX ^ WRITE_CORKED;
    var ACTIVE = READ_ACTIVE | WRITE_ACTIVE;
    var NOT_ACTIVE = MAX ^ ACTIVE;
    var DONE = READ_DONE | WRITE_DONE;
    var DESTROY_STATUS = DESTROYING | DESTROYED | PREDESTROYING;
    var OPEN_STATUS = DESTROY_STATUS | OPENING;
    var AUTO_DESTROY = DESTROY_STATUS | DONE;
    var NON_PRIMARY = WRITE_NON_PRIMARY & READ_NON_PRIMARY;
    var ACTIVE_OR_TICKING = WRITE_NEXT_TICK | READ_NEXT_TICK;
    var TICKING = ACTIVE_OR_TICKING & NOT_ACTIVE;
    var IS_OPENING = OPEN_STATUS | TICKING;
    var READ_PRIMARY_STATUS = OPEN_STATUS | READ_ENDING | READ_DONE;
    var READ_STATUS = OPEN_STATUS | READ_DONE | READ_QUEUED;
    var READ_ENDING_STATUS = OPEN_STATUS | READ_ENDING | READ_QUEUED;
    var READ_READABLE_STATUS = OPEN_STATUS | READ_EMIT_READABLE | READ_QUEUED | READ_EMITTED_READABLE;
    var SHOULD_NOT_READ = OPEN_STATUS | READ_ACTIVE | READ_ENDING | READ_DONE | READ_NEEDS_PUSH | READ_READ_AHEAD;
    var READ_BACKPRESSURE_STATUS = DESTROY_STATUS | READ_ENDING | READ_DONE;
    var READ_UPDATE_SYNC_STATUS = READ_UPDATING | OPEN_STATUS | READ_NEXT_TICK | READ_PRIMARY;
    var READ_NEXT_TICK_OR_OPENING = READ_NEXT_TICK | OPENING;
    var WRITE_PRIMARY_STATUS = OPEN_STATUS | WRITE_FINISHING | WRITE_DONE;
    var WRITE_QUEUED_AND_UNDRAINED = WRITE_QUEUED | WRITE_UNDRAINED;
    var WRITE_QUEUED_AND_ACTIVE = WRITE_QUEUED | WRITE_ACTIVE;
    var WRITE_DRAIN_STATUS = WRITE_QUEUED | WRITE_UNDRAINED | OPEN_STATUS | WRITE_ACTIVE;
    var WRITE_STATUS = OPEN_STATUS | WRITE_ACTIVE | WRITE_QUEUED | WRITE_CORKED;
    var WRITE_PRIMARY_AND_ACTIVE = WRITE_PRIMARY | WRITE_ACTIVE;
    var WRITE_ACTIVE_AND_WRITING = WRITE_ACTIVE | WRITE_WRITING;
    var WRITE_FINISHING_STATUS = OPEN_STATUS | WRITE_FINISHING | WRITE_QUEUED_AND_ACTIVE | WRITE_DONE;
    var WRITE_BACKPRESSURE_STATUS = WRITE_UNDRAINED | DESTROY_STATUS | WRITE_FINISHING | WRITE_DONE;
    var WRITE_UPDATE_SYNC_STATUS = WRITE_UPDATING | OPEN_STATUS | WRITE_NEXT_TICK | WRITE_PRIMARY;
    var WRITE_DROP_DATA = WRITE_FINISHING | WRITE_DONE | DESTROY_STATUS;
    var asyncIterator = Symbol.asyncIterator || /* @__PURE__ */ Symbol("asyncIterator");
    var WritableState = class {
      constructor(stream, { highWaterMark = 16384, map = null, mapWritable, byteLength, byteLengthWritable } = {}) {
        this.stream = stream;
        this.queue = new FIFO();
        this.highWaterMark = highWaterMark;
        this.buffered = 0;
        this.error = null;
        this.pipeline = null;
        this.drains = null;
        this.byteLength = byteLengthWritable || byteLength || defaultByteLength;
        this.map = mapWritable || map;
        this.afterWrite = afterWrite.bind(this);
        this.afterUpdateNextTick = updateWriteNT.bind(this);
      }
      get ending() {
        return (this.stream._duplexState & WRITE_FINISHING) !== 0;
      }
      get ended() {
        return (this.stream._duplexState & WRITE_DONE) !== 0;
      }
      push(data) {
        if ((this.stream._duplexState & WRITE_DROP_DATA) !== 0) return false;
        if (this.map !== null) data = this.map(data);
        this.buffered += this.byteLength(data);
        this.queue.push(data);
        if (this.buffered < this.highWaterMark) {
          this.stream._duplexState |= WRITE_QUEUED;
          return true;
        }
        this.stream._duplexState |= WRITE_QUEUED_AND_UNDRAINED;
        return false;
      }
      shift() {
        const data = this.queue.shift();
        this.buffered -= this.byteLength(data);
        if (this.buffered === 0) this.stream._duplexState &= WRITE_NOT_QUEUED;
        return data;
      }
      end(data) {
        if (typeof data === "function") {
          this.stream.once("finish", data);
        } else if (data !== void 0 && data !== null) {
          this.push(data);
        }
        this.stream._duplexState = (this.stream._duplexState | WRITE_FINISHING) & WRITE_NON_PRIMARY;
      }
      autoBatch(data, cb) {
        const buffer = [];
        const stream = this.stream;
        buffer.push(data);
        while ((stream._duplexState & WRITE_STATUS) === WRITE_QUEUED_AND_ACTIVE) {
          buffer.push(stream._writableState.shift());
        }
        if ((stream._duplexState & OPEN_STATUS) !== 0) return cb(null);
        stream._writev(buffer, cb);
      }
      update() {
        const stream = this.stream;
        stream._duplexState |= WRITE_UPDATING;
        do {
          while ((stream._duplexState & WRITE_STATUS) === WRITE_QUEUED) {
            const data = this.shift();
            stream._duplexState |= WRITE_ACTIVE_AND_WRITING;
            stream._write(data, this.afterWrite);
          }
          if ((stream._duplexState & WRITE_PRIMARY_AND_ACTIVE) === 0) this.updateNonPrimary();
        } while (this.continueUpdate() === true);
        stream._duplexState &= WRITE_NOT_UPDATING;
      }
      updateNonPrimary() {
        const stream = this.stream;
        if ((stream._duplexState & WRITE_FINISHING_STATUS) === WRITE_FINISHING) {
          stream._duplexState = stream._duplexState | WRITE_ACTIVE;
          stream._final(afterFinal.bind(this));
          return;
        }
        if ((stream._duplexState & DESTROY_STATUS) === DESTROYING) {
          if ((stream._duplexState & ACTIVE_OR_TICKING) === 0) {
            stream._duplexState |= ACTIVE;
            stream._destroy(afterDestroy.bind(this));
          }
          return;
        }
        if ((stream._duplexState & IS_OPENING) === OPENING) {
          stream._duplexState = (stream._duplexState | ACTIVE) & NOT_OPENING;
          stream._open(afterOpen.bind(this));
        }
      }
      continueUpdate() {
        if ((this.stream._duplexState & WRITE_NEXT_TICK) === 0) return false;
        this.stream._duplexState &= WRITE_NOT_NEXT_TICK;
        return true;
      }
      updateCallback() {
        if ((this.stream._duplexState & WRITE_UPDATE_SYNC_STATUS) === WRITE_PRIMARY) {
          this.update();
        } else {
          this.updateNextTick();
        }
      }
      updateNextTick() {
        if ((this.stream._duplexState & WRITE_NEXT_TICK) !== 0) return;
        this.stream._duplexState |= WRITE_NEXT_TICK;
        if ((this.stream._duplexState & WRITE_UPDATING) === 0) qmt(this.afterUpdateNextTick);
      }
    };
    var ReadableState = class {
      constructor(stream, { highWaterMark = 16384, map = null, mapReadable, byteLength, byteLengthReadable } = {}) {
        this.stream = stream;
        this.queue = new FIFO();
        this.highWaterMark = highWaterMark === 0 ? 1 : highWaterMark;
        this.buffered = 0;
        this.readAhead = highWaterMark > 0;
        this.error = null;
        this.pipeline = null;
        this.byteLength = byteLengthReadable || byteLength || defaultByteLength;
        this.map = mapReadable || map;
        this.pipeTo = null;
        this.afterRead = afterRead.bind(this);
        this.afterUpdateNextTick = updateReadNT.bind(this);
      }
      get ending() {
        return (this.stream._duplexState & READ_ENDING) !== 0;
      }
      get ended() {
        return (this.stream._duplexState & READ_DONE) !== 0;
      }
      pipe(pipeTo, cb) {
        if (this.pipeTo !== null) throw StreamError.BAD_ARGUMENT("Can only pipe to one destination");
        if (typeof cb !== "function") cb = null;
        this.stream._duplexState |= READ_PIPE_DRAINED;
        this.pipeTo = pipeTo;
        this.pipeline = new Pipeline(this.stream, pipeTo, cb);
        if (cb) this.stream.on("error", noop);
        if (isStreamx(pipeTo)) {
          pipeTo._writableState.pipeline = this.pipeline;
          if (cb) pipeTo.on("error", noop);
          pipeTo.on("finish", this.pipeline.finished.bind(this.pipeline));
        } else {
          const onerror = this.pipeline.done.bind(this.pipeline, pipeTo);
          const onclose = this.pipeline.done.bind(this.pipeline, pipeTo, null);
          pipeTo.on("error", onerror);
          pipeTo.on("close", onclose);
          pipeTo.on("finish", this.pipeline.finished.bind(this.pipeline));
        }
        pipeTo.on("drain", afterDrain.bind(this));
        this.stream.emit("piping", pipeTo);
        pipeTo.emit("pipe", this.stream);
      }
      push(data) {
        const stream = this.stream;
        if (data === null) {
          this.highWaterMark = 0;
          stream._duplexState = (stream._duplexState | READ_ENDING) & READ_NON_PRIMARY_AND_PUSHED;
          return false;
        }
        if (this.map !== null) {
          data = this.map(data);
          if (data === null) {
            stream._duplexState &= READ_PUSHED;
            return this.buffered < this.highWaterMark;
          }
        }
        this.buffered += this.byteLength(data);
        this.queue.push(data);
        stream._duplexState = (stream._duplexState | READ_QUEUED) & READ_PUSHED;
        return this.buffered < this.highWaterMark;
      }
      shift() {
        const data = this.queue.shift();
        this.buffered -= this.byteLength(data);
        if (this.buffered === 0) {
          this.stream._duplexState &= READ_NOT_QUEUED;
        }
        return data;
      }
      unshift(data) {
        const pending = [this.map !== null ? this.map(data) : data];
        while (this.buffered > 0) pending.push(this.shift());
        for (let i = 0; i < pending.length - 1; i++) {
          const data2 = pending[i];
          this.buffered += this.byteLength(data2);
          this.queue.push(data2);
        }
        this.push(pending[pending.length - 1]);
      }
      read() {
        const stream = this.stream;
        if ((stream._duplexState & READ_STATUS) === READ_QUEUED) {
          const data = this.shift();
          if (this.pipeTo !== null && this.pipeTo.write(data) === false) {
            stream._duplexState &= READ_PIPE_NOT_DRAINED;
          }
          if ((stream._duplexState & READ_EMIT_DATA) !== 0) {
            stream.emit("data", data);
          }
          return data;
        }
        if (this.readAhead === false) {
          stream._duplexState |= READ_READ_AHEAD;
          this.updateNextTick();
        }
        return null;
      }
      drain() {
        const stream = this.stream;
        while ((stream._duplexState & READ_STATUS) === READ_QUEUED && (stream._duplexState & READ_FLOWING) !== 0) {
          const data = this.shift();
          if (this.pipeTo !== null && this.pipeTo.write(data) === false) {
            stream._duplexState &= READ_PIPE_NOT_DRAINED;
          }
          if ((stream._duplexState & READ_EMIT_DATA) !== 0) {
            stream.emit("data", data);
          }
        }
      }
      update() {
        const stream = this.stream;
        stream._duplexState |= READ_UPDATING;
        do {
          this.drain();
          while (this.buffered < this.highWaterMark && (stream._duplexState & SHOULD_NOT_READ) === READ_READ_AHEAD) {
            stream._duplexState |= READ_ACTIVE_AND_NEEDS_PUSH;
            stream._read(this.afterRead);
            this.drain();
          }
          if ((stream._duplexState & READ_READABLE_STATUS) === READ_EMIT_READABLE_AND_QUEUED) {
            stream._duplexState |= READ_EMITTED_READABLE;
            stream.emit("readable");
          }
          if ((stream._duplexState & READ_PRIMARY_AND_ACTIVE) === 0) {
            this.updateNonPrimary();
          }
        } while (this.continueUpdate() === true);
        stream._duplexState &= READ_NOT_UPDATING;
      }
      updateNonPrimary() {
        const stream = this.stream;
        if ((stream._duplexState & READ_ENDING_STATUS) === READ_ENDING) {
          stream._duplexState = (stream._duplexState | READ_DONE) & READ_NOT_ENDING;
          stream.emit("end");
          if ((stream._duplexState & AUTO_DESTROY) === DONE) {
            stream._duplexState |= DESTROYING;
          }
          if (this.pipeTo !== null) {
            this.pipeTo.end();
          }
        }
        if ((stream._duplexState & DESTROY_STATUS) === DESTROYING) {
          if ((stream._duplexState & ACTIVE_OR_TICKING) === 0) {
            stream._duplexState |= ACTIVE;
            stream._destroy(afterDestroy.bind(this));
          }
          return;
        }
        if ((stream._duplexState & IS_OPENING) === OPENING) {
          stream._duplexState = (stream._duplexState | ACTIVE) & NOT_OPENING;
          stream._open(afterOpen.bind(this));
        }
      }
      continueUpdate() {
        if ((this.stream._duplexState & READ_NEXT_TICK) === 0) return false;
        this.stream._duplexState &= READ_NOT_NEXT_TICK;
        return true;
      }
      updateCallback() {
        if ((this.stream._duplexState & READ_UPDATE_SYNC_STATUS) === READ_PRIMARY) {
          this.update();
        } else {
          this.updateNextTick();
        }
      }
      updateNextTickIfOpen() {
        if ((this.stream._duplexState & READ_NEXT_TICK_OR_OPENING) !== 0) return;
        this.stream._duplexState |= READ_NEXT_TICK;
        if ((this.stream._duplexState & READ_UPDATING) === 0) qmt(this.afterUpdateNextTick);
      }
      updateNextTick() {
        if ((this.stream._duplexState & READ_NEXT_TICK) !== 0) return;
        this.stream._duplexState |= READ_NEXT_TICK;
        if ((this.stream._duplexState & READ_UPDATING) === 0) qmt(this.afterUpdateNextTick);
      }
    };
    var TransformState = class {
      constructor(stream) {
        this.data = null;
        this.afterTransform = afterTransform.bind(stream);
        this.afterFinal = null;
      }
    };
    var Pipeline = class {
      constructor(src, dst, cb) {
        this.from = src;
        this.to = dst;
        this.afterPipe = cb;
        this.error = null;
        this.pipeToFinished = false;
      }
      finished() {
        this.pipeToFinished = true;
      }
      done(stream, err) {
        if (err) this.error = err;
        if (stream === this.to) {
          this.to = null;
          if (this.from !== null) {
            if ((this.from._duplexState & READ_DONE) === 0 || !this.pipeToFinished) {
              this.from.destroy(this.error || StreamError.PREMATURE_CLOSE("Writable stream closed"));
            }
            return;
          }
        }
        if (stream === this.from) {
          this.from = null;
          if (this.to !== null) {
            if ((stream._duplexState & READ_DONE) === 0) {
              this.to.destroy(this.error || StreamError.PREMATURE_CLOSE("Readable stream closed"));
            }
            return;
          }
        }
        if (this.afterPipe !== null) this.afterPipe(this.error);
        this.to = this.from = this.afterPipe = null;
      }
    };
    function afterDrain() {
      this.stream._duplexState |= READ_PIPE_DRAINED;
      this.updateCallback();
    }
    function afterFinal(err) {
      const stream = this.stream;
      if (err) stream.destroy(err);
      if ((stream._duplexState & DESTROY_STATUS) === 0) {
        stream._duplexState |= WRITE_DONE;
        stream.emit("finish");
      }
      if ((stream._duplexState & AUTO_DESTROY) === DONE) {
        stream._duplexState |= DESTROYING;
      }
      stream._duplexState &= WRITE_NOT_FINISHING;
      if ((stream._duplexState & WRITE_UPDATING) === 0) {
        this.update();
      } else {
        this.updateNextTick();
      }
    }
    function afterDestroy(err) {
      const stream = this.stream;
      if (!err && !StreamError.isStreamDestroyed(this.error)) err = this.error;
      if (err) stream.emit("error", err);
      stream._duplexState |= DESTROYED;
      stream.emit("close");
      const rs = stream._readableState;
      const ws = stream._writableState;
      if (rs !== null && rs.pipeline !== null) {
        rs.pipeline.done(stream, err);
      }
      if (ws !== null) {
        while (ws.drains !== null && ws.drains.length > 0) {
          ws.drains.shift().resolve(false);
        }
        if (ws.pipeline !== null) {
          ws.pipeline.done(stream, err);
        }
      }
    }
    function afterWrite(err) {
      const stream = this.stream;
      if (err) stream.destroy(err);
      stream._duplexState &= WRITE_NOT_ACTIVE;
      if (this.drains !== null) tickDrains(this.drains);
      if ((stream._duplexState & WRITE_DRAIN_STATUS) === WRITE_UNDRAINED) {
        stream._duplexState &= WRITE_DRAINED;
        if ((stream._duplexState & WRITE_EMIT_DRAIN) === WRITE_EMIT_DRAIN) {
          stream.emit("drain");
        }
      }
      this.updateCallback();
    }
    function afterRead(err) {
      if (err) this.stream.destroy(err);
      this.stream._duplexState &= READ_NOT_ACTIVE;
      if (this.readAhead === false && (this.stream._duplexState & READ_RESUMED) === 0) {
        this.stream._duplexState &= READ_NO_READ_AHEAD;
      }
      this.updateCallback();
    }
    function updateReadNT() {
      if ((this.stream._duplexState & READ_UPDATING) === 0) {
        this.stream._duplexState &= READ_NOT_NEXT_TICK;
        this.update();
      }
    }
    function updateWriteNT() {
      if ((this.stream._duplexState & WRITE_UPDATING) === 0) {
        this.stream._duplexState &= WRITE_NOT_NEXT_TICK;
        this.update();
      }
    }
    function tickDrains(drains) {
      for (let i = 0; i < drains.length; i++) {
        if (--drains[i].writes === 0) {
          drains.shift().resolve(true);
          i--;
        }
      }
    }
    function afterOpen(err) {
      const stream = this.stream;
      if (err) stream.destroy(err);
      if ((stream._duplexState & DESTROYING) === 0) {
        if ((stream._duplexState & READ_PRIMARY_STATUS) === 0) {
          stream._duplexState |= READ_PRIMARY;
        }
        if ((stream._duplexState & WRITE_PRIMARY_STATUS) === 0) {
          stream._duplexState |= WRITE_PRIMARY;
        }
        stream.emit("open");
      }
      stream._duplexState &= NOT_ACTIVE;
      if (stream._writableState !== null) {
        stream._writableState.updateCallback();
      }
      if (stream._readableState !== null) {
        stream._readableState.updateCallback();
      }
    }
    function afterTransform(err, data) {
      if (data !== void 0 && data !== null) this.push(data);
      this._writableState.afterWrite(err);
    }
    function newListener(name) {
      if (this._readableState !== null) {
        if (name === "data") {
          this._duplexState |= READ_EMIT_DATA | READ_RESUMED_READ_AHEAD;
          this._readableState.updateNextTick();
        }
        if (name === "readable") {
          this._duplexState |= READ_EMIT_READABLE;
          this._readableState.updateNextTick();
        }
      }
      if (this._writableState !== null) {
        if (name === "drain") {
          this._duplexState |= WRITE_EMIT_DRAIN;
          this._writableState.updateNextTick();
        }
      }
    }
    var Stream = class extends EventEmitter {
      constructor(opts) {
        super();
        this._duplexState = 0;
        this._readableState = null;
        this._writableState = null;
        if (opts) {
          if (opts.open) this._open = opts.open;
          if (opts.destroy) this._destroy = opts.destroy;
          if (opts.predestroy) this._predestroy = opts.predestroy;
          if (opts.signal) opts.signal.addEventListener("abort", abort.bind(this));
        }
        this.on("newListener", newListener);
      }
      _open(cb) {
        cb(null);
      }
      _destroy(cb) {
        cb(null);
      }
      _predestroy() {
      }
      get readable() {
        return this._readableState !== null ? true : void 0;
      }
      get writable() {
        return this._writableState !== null ? true : void 0;
      }
      get destroyed() {
        return (this._duplexState & DESTROYED) !== 0;
      }
      get destroying() {
        return (this._duplexState & DESTROY_STATUS) !== 0;
      }
      destroy(err) {
        if ((this._duplexState & DESTROY_STATUS) === 0) {
          if (!err) err = StreamError.STREAM_DESTROYED();
          this._duplexState = (this._duplexState | DESTROYING) & NON_PRIMARY;
          if (this._readableState !== null) {
            this._readableState.highWaterMark = 0;
            this._readableState.error = err;
          }
          if (this._writableState !== null) {
            this._writableState.highWaterMark = 0;
            this._writableState.error = err;
          }
          this._duplexState |= PREDESTROYING;
          this._predestroy();
          this._duplexState &= NOT_PREDESTROYING;
          if (this._readableState !== null) {
            this._readableState.updateNextTick();
          }
          if (this._writableState !== null) {
            this._writableState.updateNextTick();
          }
        }
      }
    };
    var Readable3 = class _Readable extends Stream {
      constructor(opts) {
        super(opts);
        this._duplexState |= OPENING | WRITE_DONE | READ_READ_AHEAD;
        this._readableState = new ReadableState(this, opts);
        if (opts) {
          if (this._readableState.readAhead === false) this._duplexState &= READ_NO_READ_AHEAD;
          if (opts.read) this._read = opts.read;
          if (opts.eagerOpen) this._readableState.updateNextTick();
          if (opts.encoding) this.setEncoding(opts.encoding);
        }
      }
      static deferred(fn, opts) {
        const out = new PassThrough(opts);
        fn().then((src) => {
          if (src === null) return out.end();
          if (out.destroying) return;
          pipeline4(src, out, noop);
        }).catch((err) => out.destroy(err));
        return out;
      }
      setEncoding(encoding) {
        const dec = new TextDecoder(encoding);
        const map = this._readableState.map || echo;
        this._readableState.map = mapOrSkip;
        return this;
        function mapOrSkip(data) {
          const next = dec.push(data);
          return next === "" && (data.byteLength !== 0 || dec.remaining > 0) ? null : map(next);
        }
      }
      _read(cb) {
        cb(null);
      }
      pipe(dest, cb) {
        this._readableState.updateNextTick();
        this._readableState.pipe(dest, cb);
        return dest;
      }
      read() {
        this._readableState.updateNextTick();
        return this._readableState.read();
      }
      push(data) {
        this._readableState.updateNextTickIfOpen();
        return this._readableState.push(data);
      }
      unshift(data) {
        this._readableState.updateNextTickIfOpen();
        return this._readableState.unshift(data);
      }
      resume() {
        this._duplexState |= READ_RESUMED_READ_AHEAD;
        this._readableState.updateNextTick();
        return this;
      }
      pause() {
        this._duplexState &= this._readableState.readAhead === false ? READ_PAUSED_NO_READ_AHEAD : READ_PAUSED;
        return this;
      }
      static _fromAsyncIterator(ite, opts) {
        let destroy;
        const rs = new _Readable({
          ...opts,
          read(cb) {
            ite.next().then(push).then(cb.bind(null, null)).catch(cb);
          },
          predestroy() {
            destroy = ite.return();
          },
          destroy(cb) {
            if (!destroy) return cb(null);
            destroy.then(cb.bind(null, null)).catch(cb);
          }
        });
        return rs;
        function push(data) {
          if (data.done) rs.push(null);
          else rs.push(data.value);
        }
      }
      static from(data, opts) {
        if (isReadStreamx(data)) return data;
        if (data[asyncIterator]) return this._fromAsyncIterator(data[asyncIterator](), opts);
        if (!Array.isArray(data)) data = data === void 0 ? [] : [data];
        let i = 0;
        return new _Readable({
          ...opts,
          read(cb) {
            this.push(i === data.length ? null : data[i++]);
            cb(null);
          }
        });
      }
      static isBackpressured(rs) {
        return (rs._duplexState & READ_BACKPRESSURE_STATUS) !== 0 || rs._readableState.buffered >= rs._readableState.highWaterMark;
      }
      static isPaused(rs) {
        return (rs._duplexState & READ_RESUMED) === 0;
      }
      [asyncIterator]() {
        const stream = this;
        let error = null;
        let promiseResolve = null;
        let promiseReject = null;
        this.on("error", (err) => {
          error = err;
        });
        this.on("readable", onreadable);
        this.on("close", onclose);
        return {
          [asyncIterator]() {
            return this;
          },
          next() {
            return new Promise(function(resolve, reject) {
              promiseResolve = resolve;
              promiseReject = reject;
              const data = stream.read();
              if (data !== null) ondata(data);
              else if ((stream._duplexState & DESTROYED) !== 0) ondata(null);
            });
          },
          return() {
            return destroy(null);
          },
          throw(err) {
            return destroy(err);
          }
        };
        function onreadable() {
          if (promiseResolve !== null) ondata(stream.read());
        }
        function onclose() {
          if (promiseResolve !== null) ondata(null);
        }
        function ondata(data) {
          if (promiseReject === null) return;
          if (error) {
            promiseReject(error);
          } else if (data === null && (stream._duplexState & READ_DONE) === 0) {
            promiseReject(StreamError.STREAM_DESTROYED());
          } else {
            promiseResolve({ value: data, done: data === null });
          }
          promiseReject = promiseResolve = null;
        }
        function destroy(err) {
          stream.destroy(err);
          return new Promise((resolve, reject) => {
            if (stream._duplexState & DESTROYED) return resolve({ value: void 0, done: true });
            stream.once("close", function() {
              if (err) reject(err);
              else resolve({ value: void 0, done: true });
            });
          });
        }
      }
    };
    var Writable = class extends Stream {
      constructor(opts) {
        super(opts);
        this._duplexState |= OPENING | READ_DONE;
        this._writableState = new WritableState(this, opts);
        if (opts) {
          if (opts.writev) this._writev = opts.writev;
          if (opts.write) this._write = opts.write;
          if (opts.final) this._final = opts.final;
          if (opts.eagerOpen) this._writableState.updateNextTick();
        }
      }
      cork() {
        this._duplexState |= WRITE_CORKED;
      }
      uncork() {
        this._duplexState &= WRITE_NOT_CORKED;
        this._writableState.updateNextTick();
      }
      _writev(batch, cb) {
        cb(null);
      }
      _write(data, cb) {
        this._writableState.autoBatch(data, cb);
      }
      _final(cb) {
        cb(null);
      }
      static isBackpressured(ws) {
        return (ws._duplexState & WRITE_BACKPRESSURE_STATUS) !== 0;
      }
      static drained(ws) {
        if (ws.destroyed) return Promise.resolve(false);
        const state = ws._writableState;
        const pending = isWritev(ws) ? Math.min(1, state.queue.length) : state.queue.length;
        const writes = pending + (ws._duplexState & WRITE_WRITING ? 1 : 0);
        if (writes === 0) return Promise.resolve(true);
        if (state.drains === null) state.drains = [];
        return new Promise((resolve) => {
          state.drains.push({ writes, resolve });
        });
      }
      write(data) {
        this._writableState.updateNextTick();
        return this._writableState.push(data);
      }
      end(data) {
        this._writableState.updateNextTick();
        this._writableState.end(data);
        return this;
      }
    };
    var Duplex = class extends Readable3 {
      // and Writable
      constructor(opts) {
        super(opts);
        this._duplexState = OPENING | this._duplexState & READ_READ_AHEAD;
        this._writableState = new WritableState(this, opts);
        if (opts) {
          if (opts.writev) this._writev = opts.writev;
          if (opts.write) this._write = opts.write;
          if (opts.final) this._final = opts.final;
        }
      }
      cork() {
        this._duplexState |= WRITE_CORKED;
      }
      uncork() {
        this._duplexState &= WRITE_NOT_CORKED;
        this._writableState.updateNextTick();
      }
      _writev(batch, cb) {
        cb(null);
      }
      _write(data, cb) {
        this._writableState.autoBatch(data, cb);
      }
      _final(cb) {
        cb(null);
      }
      write(data) {
        this._writableState.updateNextTick();
        return this._writableState.push(data);
      }
      end(data) {
        this._writableState.updateNextTick();
        this._writableState.end(data);
        return this;
      }
    };
    var Transform2 = class extends Duplex {
      constructor(opts) {
        super(opts);
        this._transformState = new TransformState(this);
        if (opts) {
          if (opts.transform) this._transform = opts.transform;
          if (opts.flush) this._flush = opts.flush;
        }
      }
      _write(data, cb) {
        if (this._readableState.buffered >= this._readableState.highWaterMark) {
          this._transformState.data = data;
        } else {
          this._transform(data, this._transformState.afterTransform);
        }
      }
      _read(cb) {
        if (this._transformState.data !== null) {
          const data = this._transformState.data;
          this._transformState.data = null;
          cb(null);
          this._transform(data, this._transformState.afterTransform);
        } else {
          cb(null);
        }
      }
      destroy(err) {
        super.destroy(err);
        if (this._transformState.data !== null) {
          this._transformState.data = null;
          this._transformState.afterTransform();
        }
      }
      _transform(data, cb) {
        cb(null, data);
      }
      _flush(cb) {
        cb(null);
      }
      _final(cb) {
        this._transformState.afterFinal = cb;
        this._flush(transformAfterFlush.bind(this));
      }
    };
    var PassThrough = class extends Transform2 {
    };
    function transformAfterFlush(err, data) {
      const cb = this._transformState.afterFinal;
      if (err) return cb(err);
      if (data !== null && data !== void 0) this.push(data);
      this.push(null);
      cb(null);
    }
    function pipelinePromise(...streams) {
      return new Promise((resolve, reject) => {
        return pipeline4(...streams, (err) => {
          if (err) return reject(err);
          resolve();
        });
      });
    }
    function pipeline4(stream, ...streams) {
      const all = Array.isArray(stream) ? [...stream, ...streams] : [stream, ...streams];
      const done = all.length && typeof all[all.length - 1] === "function" ? all.pop() : null;
      if (all.length < 2) throw StreamError.BAD_ARGUMENT("Pipeline requires at least 2 streams");
      let src = all[0];
      let dest = null;
      let error = null;
      for (let i = 1; i < all.length; i++) {
        dest = all[i];
        if (isStreamx(src)) {
          src.pipe(dest, onerror);
        } else {
          errorHandle(src, true, i > 1, onerror);
          src.pipe(dest);
        }
        src = dest;
      }
      if (done) {
        let fin = false;
        const autoDestroy = isStreamx(dest) || !!(dest._writableState && dest._writableState.autoDestroy);
        dest.on("error", (err) => {
          if (error === null) error = err;
        });
        dest.on("finish", () => {
          fin = true;
          if (!autoDestroy) done(error);
        });
        if (autoDestroy) {
          dest.on("close", () => done(error || (fin ? null : StreamError.PREMATURE_CLOSE())));
        }
      }
      return dest;
      function errorHandle(s, rd, wr, onerror2) {
        s.on("error", onerror2);
        s.on("close", onclose);
        function onclose() {
          if (rd && s._readableState && !s._readableState.ended) {
            return onerror2(StreamError.PREMATURE_CLOSE());
          }
          if (wr && s._writableState && !s._writableState.ended) {
            return onerror2(StreamError.PREMATURE_CLOSE());
          }
        }
      }
      function onerror(err) {
        if (!err || error) return;
        error = err;
        for (const s of all) {
          s.destroy(err);
        }
      }
    }
    function echo(s) {
      return s;
    }
    function isStream(stream) {
      return !!stream._readableState || !!stream._writableState;
    }
    function isStreamx(stream) {
      return typeof stream._duplexState === "number" && isStream(stream);
    }
    function isEnding(stream) {
      return !!stream._readableState && stream._readableState.ending;
    }
    function isEnded(stream) {
      return !!stream._readableState && stream._readableState.ended;
    }
    function isFinishing(stream) {
      return !!stream._writableState && stream._writableState.ending;
    }
    function isFinished(stream) {
      return !!stream._writableState && stream._writableState.ended;
    }
    function getStreamError(stream, opts = {}) {
      const err = stream._readableState && stream._readableState.error || stream._writableState && stream._writableState.error;
      return !opts.all && StreamError.isStreamDestroyed(err) ? null : err;
    }
    function isReadStreamx(stream) {
      return isStreamx(stream) && stream.readable;
    }
    function isDisturbed(stream) {
      return (stream._duplexState & OPENING) !== OPENING || (stream._duplexState & DESTROYING) === DESTROYING || (stream._duplexState & ACTIVE_OR_TICKING) !== 0;
    }
    function isTypedArray(data) {
      return typeof data === "object" && data !== null && typeof data.byteLength === "number";
    }
    function defaultByteLength(data) {
      return isTypedArray(data) ? data.byteLength : 1024;
    }
    function noop() {
    }
    function abort() {
      this.destroy(StreamError.ABORTED());
    }
    function isWritev(s) {
      return s._writev !== Writable.prototype._writev && s._writev !== Duplex.prototype._writev;
    }
    module.exports = {
      pipeline: pipeline4,
      pipelinePromise,
      isStream,
      isStreamx,
      isEnding,
      isEnded,
      isFinishing,
      isFinished,
      isDisturbed,
      getStreamError,
      Stream,
      Writable,
      Readable: Readable3,
      Duplex,
      Transform: Transform2,
      // Export PassThrough for compatibility with Node.js core's stream module
      PassThrough
    };
  }
});

// node_modules/tar-stream/headers.js
var require_headers = __commonJS({
  "node_modules/tar-stream/headers.js"(exports) {
    var b4a = require_b4a();
    var ZEROS = "0000000000000000000";
    var SEVENS = "7777777777777777777";
    var ZERO_OFFSET = "0".charCodeAt(0);
    var USTAR_MAGIC = b4a.from([117, 115, 116, 97, 114, 0]);
    var USTAR_VER = b4a.from([ZERO_OFFSET, ZERO_OFFSET]);
    var GNU_MAGIC = b4a.from([117, 115, 116, 97, 114, 32]);
    var GNU_VER = b4a.from([32, 0]);
    var MASK = 4095;
    var MAGIC_OFFSET = 257;
    var VERSION_OFFSET = 263;
    exports.decodeLongPath = function decodeLongPath(buf, encoding) {
      return decodeStr(buf, 0, buf.length, encoding);
    };
    exports.encodePax = function encodePax(opts) {
      let result = "";
      if (opts.name) result += addLength(" path=" + opts.name + "\n");
      if (opts.linkname) result += addLength(" linkpath=" + opts.linkname + "\n");
      const pax = opts.pax;
      if (pax) {
        for (const key in pax) {
          result += addLength(" " + key + "=" + pax[key] + "\n");
        }
      }
      return b4a.from(result);
    };
    exports.decodePax = function decodePax(buf) {
      const result = {};
      while (buf.length) {
        let i = 0;
        while (i < buf.length && buf[i] !== 32) i++;
        const len = parseInt(b4a.toString(buf.subarray(0, i)), 10);
        if (!len) return result;
        const b = b4a.toString(buf.subarray(i + 1, len - 1));
        const keyIndex = b.indexOf("=");
        if (keyIndex === -1) return result;
        result[b.slice(0, keyIndex)] = b.slice(keyIndex + 1);
        buf = buf.subarray(len);
      }
      return result;
    };
    exports.encode = function encode(opts) {
      const buf = b4a.alloc(512);
      let name = opts.name;
      let prefix = "";
      if (opts.typeflag === 5 && name[name.length - 1] !== "/") name += "/";
      if (b4a.byteLength(name) !== name.length) return null;
      while (b4a.byteLength(name) > 100) {
        const i = name.indexOf("/");
        if (i === -1) return null;
        prefix += prefix ? "/" + name.slice(0, i) : name.slice(0, i);
        name = name.slice(i + 1);
      }
      if (b4a.byteLength(name) > 100 || b4a.byteLength(prefix) > 155) return null;
      if (opts.linkname && b4a.byteLength(opts.linkname) > 100) return null;
      b4a.write(buf, name);
      b4a.write(buf, encodeOct(opts.mode & MASK, 6), 100);
      b4a.write(buf, encodeOct(opts.uid, 6), 108);
      b4a.write(buf, encodeOct(opts.gid, 6), 116);
      encodeSize(opts.size, buf, 124);
      b4a.write(buf, encodeOct(opts.mtime.getTime() / 1e3 | 0, 11), 136);
      buf[156] = ZERO_OFFSET + toTypeflag(opts.type);
      if (opts.linkname) b4a.write(buf, opts.linkname, 157);
      b4a.copy(USTAR_MAGIC, buf, MAGIC_OFFSET);
      b4a.copy(USTAR_VER, buf, VERSION_OFFSET);
      if (opts.uname) b4a.write(buf, opts.uname, 265);
      if (opts.gname) b4a.write(buf, opts.gname, 297);
      b4a.write(buf, encodeOct(opts.devmajor || 0, 6), 329);
      b4a.write(buf, encodeOct(opts.devminor || 0, 6), 337);
      if (prefix) b4a.write(buf, prefix, 345);
      b4a.write(buf, encodeOct(cksum(buf), 6), 148);
      return buf;
    };
    exports.decode = function decode(buf, filenameEncoding, allowUnknownFormat) {
      let typeflag = buf[156] === 0 ? 0 : buf[156] - ZERO_OFFSET;
      let name = decodeStr(buf, 0, 100, filenameEncoding);
      const mode = decodeOct(buf, 100, 8);
      const uid = decodeOct(buf, 108, 8);
      const gid = decodeOct(buf, 116, 8);
      const size = decodeOct(buf, 124, 12);
      const mtime = decodeOct(buf, 136, 12);
      const type = toType(typeflag);
      const linkname = buf[157] === 0 ? null : decodeStr(buf, 157, 100, filenameEncoding);
      const uname = decodeStr(buf, 265, 32);
      const gname = decodeStr(buf, 297, 32);
      const devmajor = decodeOct(buf, 329, 8);
      const devminor = decodeOct(buf, 337, 8);
      const c = cksum(buf);
      if (c === 8 * 32) return null;
      if (c !== decodeOct(buf, 148, 8)) throw new Error("Invalid tar header. Maybe the tar is corrupted or it needs to be gunzipped?");
      if (isUSTAR(buf)) {
        if (buf[345]) name = decodeStr(buf, 345, 155, filenameEncoding) + "/" + name;
      } else if (isGNU(buf)) {
      } else {
        if (!allowUnknownFormat) {
          throw new Error("Invalid tar header: unknown format.");
        }
      }
      if (typeflag === 0 && name && name[name.length - 1] === "/") typeflag = 5;
      return {
        name,
        mode,
        uid,
        gid,
        size,
        byteOffset: 0,
        mtime: new Date(1e3 * mtime),
        type,
        linkname,
        uname,
        gname,
        devmajor,
        devminor,
        pax: null
      };
    };
    function isUSTAR(buf) {
      return b4a.equals(USTAR_MAGIC, buf.subarray(MAGIC_OFFSET, MAGIC_OFFSET + 6));
    }
    function isGNU(buf) {
      return b4a.equals(GNU_MAGIC, buf.subarray(MAGIC_OFFSET, MAGIC_OFFSET + 6)) && b4a.equals(GNU_VER, buf.subarray(VERSION_OFFSET, VERSION_OFFSET + 2));
    }
    function clamp(index, len, defaultValue) {
      if (typeof index !== "number") return defaultValue;
      index = ~~index;
      if (index >= len) return len;
      if (index >= 0) return index;
      index += len;
      if (index >= 0) return index;
      return 0;
    }
    function toType(flag) {
      switch (flag) {
        case 0:
          return "file";
        case 1:
          return "link";
        case 2:
          return "symlink";
        case 3:
          return "character-device";
        case 4:
          return "block-device";
        case 5:
          return "directory";
        case 6:
          return "fifo";
        case 7:
          return "contiguous-file";
        case 72:
          return "pax-header";
        case 55:
          return "pax-global-header";
        case 27:
          return "gnu-long-link-path";
        case 28:
        case 30:
          return "gnu-long-path";
      }
      return null;
    }
    function toTypeflag(flag) {
      switch (flag) {
        case "file":
          return 0;
        case "link":
          return 1;
        case "symlink":
          return 2;
        case "character-device":
          return 3;
        case "block-device":
          return 4;
        case "directory":
          return 5;
        case "fifo":
          return 6;
        case "contiguous-file":
          return 7;
        case "pax-header":
          return 72;
      }
      return 0;
    }
    function indexOf(block, num, offset, end) {
      for (; offset < end; offset++) {
        if (block[offset] === num) return offset;
      }
      return end;
    }
    function cksum(block) {
      let sum = 8 * 32;
      for (let i = 0; i < 148; i++) sum += block[i];
      for (let j = 156; j < 512; j++) sum += block[j];
      return sum;
    }
    function encodeOct(val, n) {
      val = val.toString(8);
      if (val.length > n) return SEVENS.slice(0, n) + " ";
      return ZEROS.slice(0, n - val.length) + val + " ";
    }
    function encodeSizeBin(num, buf, off) {
      buf[off] = 128;
      for (let i = 11; i > 0; i--) {
        buf[off + i] = num & 255;
        num = Math.floor(num / 256);
      }
    }
    function encodeSize(num, buf, off) {
      if (num.toString(8).length > 11) {
        encodeSizeBin(num, buf, off);
      } else {
        b4a.write(buf, encodeOct(num, 11), off);
      }
    }
    function parse256(buf) {
      let positive;
      if (buf[0] === 128) positive = true;
      else if (buf[0] === 255) positive = false;
      else return null;
      const tuple = [];
      let i;
      for (i = buf.length - 1; i > 0; i--) {
        const byte = buf[i];
        if (positive) tuple.push(byte);
        else tuple.push(255 - byte);
      }
      let sum = 0;
      const l = tuple.length;
      for (i = 0; i < l; i++) {
        sum += tuple[i] * Math.pow(256, i);
      }
      return positive ? sum : -1 * sum;
    }
    function decodeOct(val, offset, length) {
      val = val.subarray(offset, offset + length);
      offset = 0;
      if (val[offset] & 128) {
        return parse256(val);
      } else {
        while (offset < val.length && val[offset] === 32) offset++;
        const end = clamp(indexOf(val, 32, offset, val.length), val.length, val.length);
        while (offset < end && val[offset] === 0) offset++;
        if (end === offset) return 0;
        return parseInt(b4a.toString(val.subarray(offset, end)), 8);
      }
    }
    function decodeStr(val, offset, length, encoding) {
      return b4a.toString(val.subarray(offset, indexOf(val, 0, offset, offset + length)), encoding);
    }
    function addLength(str) {
      const len = b4a.byteLength(str);
      let digits = Math.floor(Math.log(len) / Math.log(10)) + 1;
      if (len + digits >= Math.pow(10, digits)) digits++;
      return len + digits + str;
    }
  }
});

// node_modules/tar-stream/extract.js
var require_extract = __commonJS({
  "node_modules/tar-stream/extract.js"(exports, module) {
    var { Writable, Readable: Readable3, getStreamError } = require_streamx();
    var FIFO = require_fast_fifo();
    var b4a = require_b4a();
    var headers = require_headers();
    var EMPTY = b4a.alloc(0);
    var MAX_HEADER_SIZE = 4 * 1024 * 1024;
    var BufferList = class {
      constructor() {
        this.buffered = 0;
        this.shifted = 0;
        this.queue = new FIFO();
        this._offset = 0;
      }
      push(buffer) {
        this.buffered += buffer.byteLength;
        this.queue.push(buffer);
      }
      shiftFirst(size) {
        return this.buffered === 0 ? null : this._next(size);
      }
      shift(size) {
        if (size > this.buffered) return null;
        if (size === 0) return EMPTY;
        let chunk = this._next(size);
        if (size === chunk.byteLength) return chunk;
        const chunks = [chunk];
        while ((size -= chunk.byteLength) > 0) {
          chunk = this._next(size);
          chunks.push(chunk);
        }
        return b4a.concat(chunks);
      }
      _next(size) {
        const buf = this.queue.peek();
        const rem = buf.byteLength - this._offset;
        if (size >= rem) {
          const sub = this._offset ? buf.subarray(this._offset, buf.byteLength) : buf;
          this.queue.shift();
          this._offset = 0;
          this.buffered -= rem;
          this.shifted += rem;
          return sub;
        }
        this.buffered -= size;
        this.shifted += size;
        return buf.subarray(this._offset, this._offset += size);
      }
    };
    var Source = class extends Readable3 {
      constructor(self, header, offset) {
        super();
        this.header = header;
        this.offset = offset;
        this._parent = self;
      }
      _read(cb) {
        if (this.header.size === 0) {
          this.push(null);
        }
        if (this._parent._stream === this) {
          this._parent._update();
        }
        cb(null);
      }
      _predestroy() {
        this._parent.destroy(getStreamError(this));
      }
      _detach() {
        if (this._parent._stream === this) {
          this._parent._stream = null;
          this._parent._missing = overflow(this.header.size);
          this._parent._update();
        }
      }
      _destroy(cb) {
        this._detach();
        cb(null);
      }
    };
    var Extract = class extends Writable {
      constructor(opts) {
        super(opts);
        if (!opts) opts = {};
        this._buffer = new BufferList();
        this._offset = 0;
        this._header = null;
        this._stream = null;
        this._missing = 0;
        this._longHeader = false;
        this._callback = noop;
        this._locked = false;
        this._finished = false;
        this._pax = null;
        this._paxGlobal = null;
        this._gnuLongPath = null;
        this._gnuLongLinkPath = null;
        this._filenameEncoding = opts.filenameEncoding || "utf-8";
        this._allowUnknownFormat = !!opts.allowUnknownFormat;
        this._unlockBound = this._unlock.bind(this);
      }
      _unlock(err) {
        this._locked = false;
        if (err) {
          this.destroy(err);
          this._continueWrite(err);
          return;
        }
        this._update();
      }
      _consumeHeader() {
        if (this._locked) return false;
        this._offset = this._buffer.shifted;
        try {
          this._header = headers.decode(this._buffer.shift(512), this._filenameEncoding, this._allowUnknownFormat);
        } catch (err) {
          this._continueWrite(err);
          return false;
        }
        if (!this._header) return true;
        this._header.byteOffset = this._buffer.shifted;
        switch (this._header.type) {
          case "gnu-long-path":
          case "gnu-long-link-path":
          case "pax-global-header":
          case "pax-header":
            this._longHeader = true;
            this._missing = this._header.size;
            if (this._missing > MAX_HEADER_SIZE) {
              this._continueWrite(new Error("Header exceeds max size"));
              return false;
            }
            return true;
        }
        this._locked = true;
        this._applyLongHeaders();
        if (!(this._header.size >= 0)) {
          this._continueWrite(new Error("Invalid header"));
          return false;
        }
        if (this._header.size === 0 || this._header.type === "directory") {
          this.emit("entry", this._header, this._createStream(), this._unlockBound);
          return true;
        }
        this._stream = this._createStream();
        this._missing = this._header.size;
        this.emit("entry", this._header, this._stream, this._unlockBound);
        return true;
      }
      _applyLongHeaders() {
        if (this._gnuLongPath) {
          this._header.name = this._gnuLongPath;
          this._gnuLongPath = null;
        }
        if (this._gnuLongLinkPath) {
          this._header.linkname = this._gnuLongLinkPath;
          this._gnuLongLinkPath = null;
        }
        if (this._pax) {
          if (this._pax.path) this._header.name = this._pax.path;
          if (this._pax.linkpath) this._header.linkname = this._pax.linkpath;
          if (this._pax.size) this._header.size = parseInt(this._pax.size, 10);
          this._header.pax = this._pax;
          this._pax = null;
        }
      }
      _decodeLongHeader(buf) {
        switch (this._header.type) {
          case "gnu-long-path":
            this._gnuLongPath = headers.decodeLongPath(buf, this._filenameEncoding);
            break;
          case "gnu-long-link-path":
            this._gnuLongLinkPath = headers.decodeLongPath(buf, this._filenameEncoding);
            break;
          case "pax-global-header":
            this._paxGlobal = headers.decodePax(buf);
            break;
          case "pax-header":
            this._pax = this._paxGlobal === null ? headers.decodePax(buf) : Object.assign({}, this._paxGlobal, headers.decodePax(buf));
            break;
        }
      }
      _consumeLongHeader() {
        this._longHeader = false;
        this._missing = overflow(this._header.size);
        const buf = this._buffer.shift(this._header.size);
        try {
          this._decodeLongHeader(buf);
        } catch (err) {
          this._continueWrite(err);
          return false;
        }
        return true;
      }
      _consumeStream() {
        const buf = this._buffer.shiftFirst(this._missing);
        if (buf === null) return false;
        this._missing -= buf.byteLength;
        const drained2 = this._stream.push(buf);
        if (this._missing === 0) {
          this._stream.push(null);
          if (drained2) this._stream._detach();
          return drained2 && this._locked === false;
        }
        return drained2;
      }
      _createStream() {
        return new Source(this, this._header, this._offset);
      }
      _update() {
        while (this._buffer.buffered > 0 && !this.destroying) {
          if (this._missing > 0) {
            if (this._stream !== null) {
              if (this._consumeStream() === false) return;
              continue;
            }
            if (this._longHeader === true) {
              if (this._missing > this._buffer.buffered) break;
              if (this._consumeLongHeader() === false) return false;
              continue;
            }
            const ignore = this._buffer.shiftFirst(this._missing);
            if (ignore !== null) this._missing -= ignore.byteLength;
            continue;
          }
          if (this._buffer.buffered < 512) break;
          if (this._stream !== null || this._consumeHeader() === false) return;
        }
        this._continueWrite(null);
      }
      _continueWrite(err) {
        const cb = this._callback;
        this._callback = noop;
        cb(err);
      }
      _write(data, cb) {
        this._callback = cb;
        this._buffer.push(data);
        this._update();
      }
      _final(cb) {
        this._finished = this._missing === 0 && this._buffer.buffered === 0;
        cb(this._finished ? null : new Error("Unexpected end of data"));
      }
      _predestroy() {
        this._continueWrite(null);
      }
      _destroy(cb) {
        if (this._stream) this._stream.destroy(getStreamError(this));
        cb(null);
      }
      [Symbol.asyncIterator]() {
        let error = null;
        let promiseResolve = null;
        let promiseReject = null;
        let entryStream = null;
        let entryCallback = null;
        const extract = this;
        this.on("entry", onentry);
        this.on("error", (err) => {
          error = err;
        });
        this.on("close", onclose);
        return {
          [Symbol.asyncIterator]() {
            return this;
          },
          next() {
            return new Promise(onnext);
          },
          return() {
            return destroy(null);
          },
          throw(err) {
            return destroy(err);
          }
        };
        function consumeCallback(err) {
          if (!entryCallback) return;
          const cb = entryCallback;
          entryCallback = null;
          cb(err);
        }
        function onnext(resolve, reject) {
          if (error) {
            return reject(error);
          }
          if (entryStream) {
            resolve({ value: entryStream, done: false });
            entryStream = null;
            return;
          }
          promiseResolve = resolve;
          promiseReject = reject;
          consumeCallback(null);
          if (extract._finished && promiseResolve) {
            promiseResolve({ value: void 0, done: true });
            promiseResolve = promiseReject = null;
          }
        }
        function onentry(header, stream, callback) {
          entryCallback = callback;
          stream.on("error", noop);
          if (promiseResolve) {
            promiseResolve({ value: stream, done: false });
            promiseResolve = promiseReject = null;
          } else {
            entryStream = stream;
          }
        }
        function onclose() {
          consumeCallback(error);
          if (!promiseResolve) return;
          if (error) promiseReject(error);
          else promiseResolve({ value: void 0, done: true });
          promiseResolve = promiseReject = null;
        }
        function destroy(err) {
          extract.destroy(err);
          consumeCallback(err);
          return new Promise((resolve, reject) => {
            if (extract.destroyed) return resolve({ value: void 0, done: true });
            extract.once("close", function() {
              if (err) reject(err);
              else resolve({ value: void 0, done: true });
            });
          });
        }
      }
    };
    module.exports = function extract(opts) {
      return new Extract(opts);
    };
    function noop() {
    }
    function overflow(size) {
      size &= 511;
      return size && 512 - size;
    }
  }
});

// node_modules/tar-stream/constants.js
var require_constants = __commonJS({
  "node_modules/tar-stream/constants.js"(exports, module) {
    var constants = {
      // just for envs without fs
      S_IFMT: 61440,
      S_IFDIR: 16384,
      S_IFCHR: 8192,
      S_IFBLK: 24576,
      S_IFIFO: 4096,
      S_IFLNK: 40960
    };
    try {
      module.exports = __require("fs").constants || constants;
    } catch {
      module.exports = constants;
    }
  }
});

// node_modules/tar-stream/pack.js
var require_pack = __commonJS({
  "node_modules/tar-stream/pack.js"(exports, module) {
    var { Readable: Readable3, Writable, getStreamError } = require_streamx();
    var b4a = require_b4a();
    var constants = require_constants();
    var headers = require_headers();
    var DMODE = 493;
    var FMODE = 420;
    var END_OF_TAR = b4a.alloc(1024);
    var Sink = class extends Writable {
      constructor(pack, header, callback) {
        super({ mapWritable, eagerOpen: true });
        this.written = 0;
        this.header = header;
        this._callback = callback;
        this._linkname = null;
        this._isLinkname = header.type === "symlink" && !header.linkname;
        this._isVoid = header.type !== "file" && header.type !== "contiguous-file";
        this._finished = false;
        this._pack = pack;
        this._openCallback = null;
        if (this._pack._stream === null) this._pack._stream = this;
        else this._pack._pending.push(this);
      }
      _open(cb) {
        this._openCallback = cb;
        if (this._pack._stream === this) this._continueOpen();
      }
      _continuePack(err) {
        if (this._callback === null) return;
        const callback = this._callback;
        this._callback = null;
        callback(err);
      }
      _continueOpen() {
        if (this._pack._stream === null) this._pack._stream = this;
        const cb = this._openCallback;
        this._openCallback = null;
        if (cb === null) return;
        if (this._pack.destroying) return cb(new Error("pack stream destroyed"));
        if (this._pack._finalized) return cb(new Error("pack stream is already finalized"));
        this._pack._stream = this;
        if (!this._isLinkname) {
          this._pack._encode(this.header);
        }
        if (this._isVoid) {
          this._finish();
          this._continuePack(null);
        }
        cb(null);
      }
      _write(data, cb) {
        if (this._isLinkname) {
          this._linkname = this._linkname ? b4a.concat([this._linkname, data]) : data;
          return cb(null);
        }
        if (this._isVoid) {
          if (data.byteLength > 0) {
            return cb(new Error("No body allowed for this entry"));
          }
          return cb();
        }
        this.written += data.byteLength;
        if (this._pack.push(data)) return cb();
        this._pack._drain = cb;
      }
      _finish() {
        if (this._finished) return;
        this._finished = true;
        if (this._isLinkname) {
          this.header.linkname = this._linkname ? b4a.toString(this._linkname, "utf-8") : "";
          this._pack._encode(this.header);
        }
        overflow(this._pack, this.header.size);
        this._pack._done(this);
      }
      _final(cb) {
        if (this.written !== this.header.size) {
          return cb(new Error("Size mismatch"));
        }
        this._finish();
        cb(null);
      }
      _getError() {
        return getStreamError(this) || new Error("tar entry destroyed");
      }
      _predestroy() {
        this._pack.destroy(this._getError());
      }
      _destroy(cb) {
        this._pack._done(this);
        this._continuePack(this._finished ? null : this._getError());
        cb();
      }
    };
    var Pack = class extends Readable3 {
      constructor(opts) {
        super(opts);
        this._drain = noop;
        this._finalized = false;
        this._finalizing = false;
        this._pending = [];
        this._stream = null;
      }
      entry(header, buffer, callback) {
        if (this._finalized || this.destroying) throw new Error("already finalized or destroyed");
        if (typeof buffer === "function") {
          callback = buffer;
          buffer = null;
        }
        if (!callback) callback = noop;
        if (!header.size || header.type === "symlink") header.size = 0;
        if (!header.type) header.type = modeToType(header.mode);
        if (!header.mode) header.mode = header.type === "directory" ? DMODE : FMODE;
        if (!header.uid) header.uid = 0;
        if (!header.gid) header.gid = 0;
        if (!header.mtime) header.mtime = /* @__PURE__ */ new Date();
        if (typeof buffer === "string") buffer = b4a.from(buffer);
        const sink = new Sink(this, header, callback);
        if (b4a.isBuffer(buffer)) {
          header.size = buffer.byteLength;
          sink.write(buffer);
          sink.end();
          return sink;
        }
        if (sink._isVoid) {
          return sink;
        }
        return sink;
      }
      finalize() {
        if (this._stream || this._pending.length > 0) {
          this._finalizing = true;
          return;
        }
        if (this._finalized) return;
        this._finalized = true;
        this.push(END_OF_TAR);
        this.push(null);
      }
      _done(stream) {
        if (stream !== this._stream) return;
        this._stream = null;
        if (this._finalizing) this.finalize();
        if (this._pending.length) this._pending.shift()._continueOpen();
      }
      _encode(header) {
        if (!header.pax) {
          const buf = headers.encode(header);
          if (buf) {
            this.push(buf);
            return;
          }
        }
        this._encodePax(header);
      }
      _encodePax(header) {
        const paxHeader = headers.encodePax({
          name: header.name,
          linkname: header.linkname,
          pax: header.pax
        });
        const newHeader = {
          name: "PaxHeader",
          mode: header.mode,
          uid: header.uid,
          gid: header.gid,
          size: paxHeader.byteLength,
          mtime: header.mtime,
          type: "pax-header",
          linkname: header.linkname && "PaxHeader",
          uname: header.uname,
          gname: header.gname,
          devmajor: header.devmajor,
          devminor: header.devminor
        };
        this.push(headers.encode(newHeader));
        this.push(paxHeader);
        overflow(this, paxHeader.byteLength);
        newHeader.size = header.size;
        newHeader.type = header.type;
        this.push(headers.encode(newHeader));
      }
      _doDrain() {
        const drain = this._drain;
        this._drain = noop;
        drain();
      }
      _predestroy() {
        const err = getStreamError(this);
        if (this._stream) this._stream.destroy(err);
        while (this._pending.length) {
          const stream = this._pending.shift();
          stream.destroy(err);
          stream._continueOpen();
        }
        this._doDrain();
      }
      _read(cb) {
        this._doDrain();
        cb();
      }
    };
    module.exports = function pack(opts) {
      return new Pack(opts);
    };
    function modeToType(mode) {
      switch (mode & constants.S_IFMT) {
        case constants.S_IFBLK:
          return "block-device";
        case constants.S_IFCHR:
          return "character-device";
        case constants.S_IFDIR:
          return "directory";
        case constants.S_IFIFO:
          return "fifo";
        case constants.S_IFLNK:
          return "symlink";
      }
      return "file";
    }
    function noop() {
    }
    function overflow(self, size) {
      size &= 511;
      if (size) self.push(END_OF_TAR.subarray(0, 512 - size));
    }
    function mapWritable(buf) {
      return b4a.isBuffer(buf) ? buf : b4a.from(buf);
    }
  }
});

// node_modules/tar-stream/index.js
var require_tar_stream = __commonJS({
  "node_modules/tar-stream/index.js"(exports) {
    exports.extract = require_extract();
    exports.pack = require_pack();
  }
});

// node_modules/yaml/dist/nodes/identity.js
var require_identity = __commonJS({
  "node_modules/yaml/dist/nodes/identity.js"(exports) {
    "use strict";
    var ALIAS = /* @__PURE__ */ Symbol.for("yaml.alias");
    var DOC = /* @__PURE__ */ Symbol.for("yaml.document");
    var MAP = /* @__PURE__ */ Symbol.for("yaml.map");
    var PAIR = /* @__PURE__ */ Symbol.for("yaml.pair");
    var SCALAR = /* @__PURE__ */ Symbol.for("yaml.scalar");
    var SEQ = /* @__PURE__ */ Symbol.for("yaml.seq");
    var NODE_TYPE = /* @__PURE__ */ Symbol.for("yaml.node.type");
    var isAlias = (node) => !!node && typeof node === "object" && node[NODE_TYPE] === ALIAS;
    var isDocument = (node) => !!node && typeof node === "object" && node[NODE_TYPE] === DOC;
    var isMap2 = (node) => !!node && typeof node === "object" && node[NODE_TYPE] === MAP;
    var isPair = (node) => !!node && typeof node === "object" && node[NODE_TYPE] === PAIR;
    var isScalar2 = (node) => !!node && typeof node === "object" && node[NODE_TYPE] === SCALAR;
    var isSeq = (node) => !!node && typeof node === "object" && node[NODE_TYPE] === SEQ;
    function isCollection(node) {
      if (node && typeof node === "object")
        switch (node[NODE_TYPE]) {
          case MAP:
          case SEQ:
            return true;
        }
      return false;
    }
    function isNode(node) {
      if (node && typeof node === "object")
        switch (node[NODE_TYPE]) {
          case ALIAS:
          case MAP:
          case SCALAR:
          case SEQ:
            return true;
        }
      return false;
    }
    var hasAnchor = (node) => (isScalar2(node) || isCollection(node)) && !!node.anchor;
    exports.ALIAS = ALIAS;
    exports.DOC = DOC;
    exports.MAP = MAP;
    exports.NODE_TYPE = NODE_TYPE;
    exports.PAIR = PAIR;
    exports.SCALAR = SCALAR;
    exports.SEQ = SEQ;
    exports.hasAnchor = hasAnchor;
    exports.isAlias = isAlias;
    exports.isCollection = isCollection;
    exports.isDocument = isDocument;
    exports.isMap = isMap2;
    exports.isNode = isNode;
    exports.isPair = isPair;
    exports.isScalar = isScalar2;
    exports.isSeq = isSeq;
  }
});

// node_modules/yaml/dist/visit.js
var require_visit = __commonJS({
  "node_modules/yaml/dist/visit.js"(exports) {
    "use strict";
    var identity = require_identity();
    var BREAK = /* @__PURE__ */ Symbol("break visit");
    var SKIP = /* @__PURE__ */ Symbol("skip children");
    var REMOVE = /* @__PURE__ */ Symbol("remove node");
    function visit(node, visitor) {
      const visitor_ = initVisitor(visitor);
      if (identity.isDocument(node)) {
        const cd = visit_(null, node.contents, visitor_, Object.freeze([node]));
        if (cd === REMOVE)
          node.contents = null;
      } else
        visit_(null, node, visitor_, Object.freeze([]));
    }
    visit.BREAK = BREAK;
    visit.SKIP = SKIP;
    visit.REMOVE = REMOVE;
    function visit_(key, node, visitor, path5) {
      const ctrl = callVisitor(key, node, visitor, path5);
      if (identity.isNode(ctrl) || identity.isPair(ctrl)) {
        replaceNode(key, path5, ctrl);
        return visit_(key, ctrl, visitor, path5);
      }
      if (typeof ctrl !== "symbol") {
        if (identity.isCollection(node)) {
          path5 = Object.freeze(path5.concat(node));
          for (let i = 0; i < node.items.length; ++i) {
            const ci = visit_(i, node.items[i], visitor, path5);
            if (typeof ci === "number")
              i = ci - 1;
            else if (ci === BREAK)
              return BREAK;
            else if (ci === REMOVE) {
              node.items.splice(i, 1);
              i -= 1;
            }
          }
        } else if (identity.isPair(node)) {
          path5 = Object.freeze(path5.concat(node));
          const ck = visit_("key", node.key, visitor, path5);
          if (ck === BREAK)
            return BREAK;
          else if (ck === REMOVE)
            node.key = null;
          const cv = visit_("value", node.value, visitor, path5);
          if (cv === BREAK)
            return BREAK;
          else if (cv === REMOVE)
            node.value = null;
        }
      }
      return ctrl;
    }
    async function visitAsync(node, visitor) {
      const visitor_ = initVisitor(visitor);
      if (identity.isDocument(node)) {
        const cd = await visitAsync_(null, node.contents, visitor_, Object.freeze([node]));
        if (cd === REMOVE)
          node.contents = null;
      } else
        await visitAsync_(null, node, visitor_, Object.freeze([]));
    }
    visitAsync.BREAK = BREAK;
    visitAsync.SKIP = SKIP;
    visitAsync.REMOVE = REMOVE;
    async function visitAsync_(key, node, visitor, path5) {
      const ctrl = await callVisitor(key, node, visitor, path5);
      if (identity.isNode(ctrl) || identity.isPair(ctrl)) {
        replaceNode(key, path5, ctrl);
        return visitAsync_(key, ctrl, visitor, path5);
      }
      if (typeof ctrl !== "symbol") {
        if (identity.isCollection(node)) {
          path5 = Object.freeze(path5.concat(node));
          for (let i = 0; i < node.items.length; ++i) {
            const ci = await visitAsync_(i, node.items[i], visitor, path5);
            if (typeof ci === "number")
              i = ci - 1;
            else if (ci === BREAK)
              return BREAK;
            else if (ci === REMOVE) {
              node.items.splice(i, 1);
              i -= 1;
            }
          }
        } else if (identity.isPair(node)) {
          path5 = Object.freeze(path5.concat(node));
          const ck = await visitAsync_("key", node.key, visitor, path5);
          if (ck === BREAK)
            return BREAK;
          else if (ck === REMOVE)
            node.key = null;
          const cv = await visitAsync_("value", node.value, visitor, path5);
          if (cv === BREAK)
            return BREAK;
          else if (cv === REMOVE)
            node.value = null;
        }
      }
      return ctrl;
    }
    function initVisitor(visitor) {
      if (typeof visitor === "object" && (visitor.Collection || visitor.Node || visitor.Value)) {
        return Object.assign({
          Alias: visitor.Node,
          Map: visitor.Node,
          Scalar: visitor.Node,
          Seq: visitor.Node
        }, visitor.Value && {
          Map: visitor.Value,
          Scalar: visitor.Value,
          Seq: visitor.Value
        }, visitor.Collection && {
          Map: visitor.Collection,
          Seq: visitor.Collection
        }, visitor);
      }
      return visitor;
    }
    function callVisitor(key, node, visitor, path5) {
      if (typeof visitor === "function")
        return visitor(key, node, path5);
      if (identity.isMap(node))
        return visitor.Map?.(key, node, path5);
      if (identity.isSeq(node))
        return visitor.Seq?.(key, node, path5);
      if (identity.isPair(node))
        return visitor.Pair?.(key, node, path5);
      if (identity.isScalar(node))
        return visitor.Scalar?.(key, node, path5);
      if (identity.isAlias(node))
        return visitor.Alias?.(key, node, path5);
      return void 0;
    }
    function replaceNode(key, path5, node) {
      const parent = path5[path5.length - 1];
      if (identity.isCollection(parent)) {
        parent.items[key] = node;
      } else if (identity.isPair(parent)) {
        if (key === "key")
          parent.key = node;
        else
          parent.value = node;
      } else if (identity.isDocument(parent)) {
        parent.contents = node;
      } else {
        const pt = identity.isAlias(parent) ? "alias" : "scalar";
        throw new Error(`Cannot replace node with ${pt} parent`);
      }
    }
    exports.visit = visit;
    exports.visitAsync = visitAsync;
  }
});

// node_modules/yaml/dist/doc/directives.js
var require_directives = __commonJS({
  "node_modules/yaml/dist/doc/directives.js"(exports) {
    "use strict";
    var identity = require_identity();
    var visit = require_visit();
    var escapeChars = {
      "!": "%21",
      ",": "%2C",
      "[": "%5B",
      "]": "%5D",
      "{": "%7B",
      "}": "%7D"
    };
    var escapeTagName = (tn) => tn.replace(/[!,[\]{}]/g, (ch) => escapeChars[ch]);
    var Directives = class _Directives {
      constructor(yaml, tags) {
        this.docStart = null;
        this.docEnd = false;
        this.yaml = Object.assign({}, _Directives.defaultYaml, yaml);
        this.tags = Object.assign({}, _Directives.defaultTags, tags);
      }
      clone() {
        const copy = new _Directives(this.yaml, this.tags);
        copy.docStart = this.docStart;
        return copy;
      }
      /**
       * During parsing, get a Directives instance for the current document and
       * update the stream state according to the current version's spec.
       */
      atDocument() {
        const res = new _Directives(this.yaml, this.tags);
        switch (this.yaml.version) {
          case "1.1":
            this.atNextDocument = true;
            break;
          case "1.2":
            this.atNextDocument = false;
            this.yaml = {
              explicit: _Directives.defaultYaml.explicit,
              version: "1.2"
            };
            this.tags = Object.assign({}, _Directives.defaultTags);
            break;
        }
        return res;
      }
      /**
       * @param onError - May be called even if the action was successful
       * @returns `true` on success
       */
      add(line, onError) {
        if (this.atNextDocument) {
          this.yaml = { explicit: _Directives.defaultYaml.explicit, version: "1.1" };
          this.tags = Object.assign({}, _Directives.defaultTags);
          this.atNextDocument = false;
        }
        const parts = line.trim().split(/[ \t]+/);
        const name = parts.shift();
        switch (name) {
          case "%TAG": {
            if (parts.length !== 2) {
              onError(0, "%TAG directive should contain exactly two parts");
              if (parts.length < 2)
                return false;
            }
            const [handle, prefix] = parts;
            this.tags[handle] = prefix;
            return true;
          }
          case "%YAML": {
            this.yaml.explicit = true;
            if (parts.length !== 1) {
              onError(0, "%YAML directive should contain exactly one part");
              return false;
            }
            const [version] = parts;
            if (version === "1.1" || version === "1.2") {
              this.yaml.version = version;
              return true;
            } else {
              const isValid = /^\d+\.\d+$/.test(version);
              onError(6, `Unsupported YAML version ${version}`, isValid);
              return false;
            }
          }
          default:
            onError(0, `Unknown directive ${name}`, true);
            return false;
        }
      }
      /**
       * Resolves a tag, matching handles to those defined in %TAG directives.
       *
       * @returns Resolved tag, which may also be the non-specific tag `'!'` or a
       *   `'!local'` tag, or `null` if unresolvable.
       */
      tagName(source, onError) {
        if (source === "!")
          return "!";
        if (source[0] !== "!") {
          onError(`Not a valid tag: ${source}`);
          return null;
        }
        if (source[1] === "<") {
          const verbatim = source.slice(2, -1);
          if (verbatim === "!" || verbatim === "!!") {
            onError(`Verbatim tags aren't resolved, so ${source} is invalid.`);
            return null;
          }
          if (source[source.length - 1] !== ">")
            onError("Verbatim tags must end with a >");
          return verbatim;
        }
        const [, handle, suffix] = source.match(/^(.*!)([^!]*)$/s);
        if (!suffix)
          onError(`The ${source} tag has no suffix`);
        const prefix = this.tags[handle];
        if (prefix) {
          try {
            return prefix + decodeURIComponent(suffix);
          } catch (error) {
            onError(String(error));
            return null;
          }
        }
        if (handle === "!")
          return source;
        onError(`Could not resolve tag: ${source}`);
        return null;
      }
      /**
       * Given a fully resolved tag, returns its printable string form,
       * taking into account current tag prefixes and defaults.
       */
      tagString(tag) {
        for (const [handle, prefix] of Object.entries(this.tags)) {
          if (tag.startsWith(prefix))
            return handle + escapeTagName(tag.substring(prefix.length));
        }
        return tag[0] === "!" ? tag : `!<${tag}>`;
      }
      toString(doc) {
        const lines = this.yaml.explicit ? [`%YAML ${this.yaml.version || "1.2"}`] : [];
        const tagEntries = Object.entries(this.tags);
        let tagNames;
        if (doc && tagEntries.length > 0 && identity.isNode(doc.contents)) {
          const tags = {};
          visit.visit(doc.contents, (_key, node) => {
            if (identity.isNode(node) && node.tag)
              tags[node.tag] = true;
          });
          tagNames = Object.keys(tags);
        } else
          tagNames = [];
        for (const [handle, prefix] of tagEntries) {
          if (handle === "!!" && prefix === "tag:yaml.org,2002:")
            continue;
          if (!doc || tagNames.some((tn) => tn.startsWith(prefix)))
            lines.push(`%TAG ${handle} ${prefix}`);
        }
        return lines.join("\n");
      }
    };
    Directives.defaultYaml = { explicit: false, version: "1.2" };
    Directives.defaultTags = { "!!": "tag:yaml.org,2002:" };
    exports.Directives = Directives;
  }
});

// node_modules/yaml/dist/doc/anchors.js
var require_anchors = __commonJS({
  "node_modules/yaml/dist/doc/anchors.js"(exports) {
    "use strict";
    var identity = require_identity();
    var visit = require_visit();
    function anchorIsValid(anchor) {
      if (/[\x00-\x19\s,[\]{}]/.test(anchor)) {
        const sa = JSON.stringify(anchor);
        const msg = `Anchor must not contain whitespace or control characters: ${sa}`;
        throw new Error(msg);
      }
      return true;
    }
    function anchorNames(root) {
      const anchors = /* @__PURE__ */ new Set();
      visit.visit(root, {
        Value(_key, node) {
          if (node.anchor)
            anchors.add(node.anchor);
        }
      });
      return anchors;
    }
    function findNewAnchor(prefix, exclude) {
      for (let i = 1; true; ++i) {
        const name = `${prefix}${i}`;
        if (!exclude.has(name))
          return name;
      }
    }
    function createNodeAnchors(doc, prefix) {
      const aliasObjects = [];
      const sourceObjects = /* @__PURE__ */ new Map();
      let prevAnchors = null;
      return {
        onAnchor: (source) => {
          aliasObjects.push(source);
          prevAnchors ?? (prevAnchors = anchorNames(doc));
          const anchor = findNewAnchor(prefix, prevAnchors);
          prevAnchors.add(anchor);
          return anchor;
        },
        /**
         * With circular references, the source node is only resolved after all
         * of its child nodes are. This is why anchors are set only after all of
         * the nodes have been created.
         */
        setAnchors: () => {
          for (const source of aliasObjects) {
            const ref = sourceObjects.get(source);
            if (typeof ref === "object" && ref.anchor && (identity.isScalar(ref.node) || identity.isCollection(ref.node))) {
              ref.node.anchor = ref.anchor;
            } else {
              const error = new Error("Failed to resolve repeated object (this should not happen)");
              error.source = source;
              throw error;
            }
          }
        },
        sourceObjects
      };
    }
    exports.anchorIsValid = anchorIsValid;
    exports.anchorNames = anchorNames;
    exports.createNodeAnchors = createNodeAnchors;
    exports.findNewAnchor = findNewAnchor;
  }
});

// node_modules/yaml/dist/doc/applyReviver.js
var require_applyReviver = __commonJS({
  "node_modules/yaml/dist/doc/applyReviver.js"(exports) {
    "use strict";
    function applyReviver(reviver, obj, key, val) {
      if (val && typeof val === "object") {
        if (Array.isArray(val)) {
          for (let i = 0, len = val.length; i < len; ++i) {
            const v0 = val[i];
            const v1 = applyReviver(reviver, val, String(i), v0);
            if (v1 === void 0)
              delete val[i];
            else if (v1 !== v0)
              val[i] = v1;
          }
        } else if (val instanceof Map) {
          for (const k of Array.from(val.keys())) {
            const v0 = val.get(k);
            const v1 = applyReviver(reviver, val, k, v0);
            if (v1 === void 0)
              val.delete(k);
            else if (v1 !== v0)
              val.set(k, v1);
          }
        } else if (val instanceof Set) {
          for (const v0 of Array.from(val)) {
            const v1 = applyReviver(reviver, val, v0, v0);
            if (v1 === void 0)
              val.delete(v0);
            else if (v1 !== v0) {
              val.delete(v0);
              val.add(v1);
            }
          }
        } else {
          for (const [k, v0] of Object.entries(val)) {
            const v1 = applyReviver(reviver, val, k, v0);
            if (v1 === void 0)
              delete val[k];
            else if (v1 !== v0)
              val[k] = v1;
          }
        }
      }
      return reviver.call(obj, key, val);
    }
    exports.applyReviver = applyReviver;
  }
});

// node_modules/yaml/dist/nodes/toJS.js
var require_toJS = __commonJS({
  "node_modules/yaml/dist/nodes/toJS.js"(exports) {
    "use strict";
    var identity = require_identity();
    function toJS(value, arg, ctx) {
      if (Array.isArray(value))
        return value.map((v, i) => toJS(v, String(i), ctx));
      if (value && typeof value.toJSON === "function") {
        if (!ctx || !identity.hasAnchor(value))
          return value.toJSON(arg, ctx);
        const data = { aliasCount: 0, count: 1, res: void 0 };
        ctx.anchors.set(value, data);
        ctx.onCreate = (res2) => {
          data.res = res2;
          delete ctx.onCreate;
        };
        const res = value.toJSON(arg, ctx);
        if (ctx.onCreate)
          ctx.onCreate(res);
        return res;
      }
      if (typeof value === "bigint" && !ctx?.keep)
        return Number(value);
      return value;
    }
    exports.toJS = toJS;
  }
});

// node_modules/yaml/dist/nodes/Node.js
var require_Node = __commonJS({
  "node_modules/yaml/dist/nodes/Node.js"(exports) {
    "use strict";
    var applyReviver = require_applyReviver();
    var identity = require_identity();
    var toJS = require_toJS();
    var NodeBase = class {
      constructor(type) {
        Object.defineProperty(this, identity.NODE_TYPE, { value: type });
      }
      /** Create a copy of this node.  */
      clone() {
        const copy = Object.create(Object.getPrototypeOf(this), Object.getOwnPropertyDescriptors(this));
        if (this.range)
          copy.range = this.range.slice();
        return copy;
      }
      /** A plain JavaScript representation of this node. */
      toJS(doc, { mapAsMap, maxAliasCount, onAnchor, reviver } = {}) {
        if (!identity.isDocument(doc))
          throw new TypeError("A document argument is required");
        const ctx = {
          anchors: /* @__PURE__ */ new Map(),
          doc,
          keep: true,
          mapAsMap: mapAsMap === true,
          mapKeyWarned: false,
          maxAliasCount: typeof maxAliasCount === "number" ? maxAliasCount : 100
        };
        const res = toJS.toJS(this, "", ctx);
        if (typeof onAnchor === "function")
          for (const { count, res: res2 } of ctx.anchors.values())
            onAnchor(res2, count);
        return typeof reviver === "function" ? applyReviver.applyReviver(reviver, { "": res }, "", res) : res;
      }
    };
    exports.NodeBase = NodeBase;
  }
});

// node_modules/yaml/dist/nodes/Alias.js
var require_Alias = __commonJS({
  "node_modules/yaml/dist/nodes/Alias.js"(exports) {
    "use strict";
    var anchors = require_anchors();
    var visit = require_visit();
    var identity = require_identity();
    var Node2 = require_Node();
    var toJS = require_toJS();
    var Alias = class extends Node2.NodeBase {
      constructor(source) {
        super(identity.ALIAS);
        this.source = source;
        Object.defineProperty(this, "tag", {
          set() {
            throw new Error("Alias nodes cannot have tags");
          }
        });
      }
      /**
       * Resolve the value of this alias within `doc`, finding the last
       * instance of the `source` anchor before this node.
       */
      resolve(doc, ctx) {
        if (ctx?.maxAliasCount === 0)
          throw new ReferenceError("Alias resolution is disabled");
        let nodes;
        if (ctx?.aliasResolveCache) {
          nodes = ctx.aliasResolveCache;
        } else {
          nodes = [];
          visit.visit(doc, {
            Node: (_key, node) => {
              if (identity.isAlias(node) || identity.hasAnchor(node))
                nodes.push(node);
            }
          });
          if (ctx)
            ctx.aliasResolveCache = nodes;
        }
        let found = void 0;
        for (const node of nodes) {
          if (node === this)
            break;
          if (node.anchor === this.source)
            found = node;
        }
        if (found && ctx) {
          const { anchors: anchors2, doc: doc2, maxAliasCount } = ctx;
          let data = anchors2.get(found);
          if (!data) {
            toJS.toJS(found, null, ctx);
            data = anchors2.get(found);
          }
          if (data?.res === void 0) {
            const msg = "This should not happen: Alias anchor was not resolved?";
            throw new ReferenceError(msg);
          }
          if (maxAliasCount >= 0) {
            data.count += 1;
            if (data.aliasCount === 0)
              data.aliasCount = getAliasCount(doc2, found, anchors2);
            if (data.count * data.aliasCount > maxAliasCount) {
              const msg = "Excessive alias count indicates a resource exhaustion attack";
              throw new ReferenceError(msg);
            }
          }
        }
        return found;
      }
      toJSON(_arg, ctx) {
        if (!ctx)
          return { source: this.source };
        const source = this.resolve(ctx.doc, ctx);
        if (!source) {
          const msg = `Unresolved alias (the anchor must be set before the alias): ${this.source}`;
          throw new ReferenceError(msg);
        }
        return ctx.anchors.get(source).res;
      }
      toString(ctx, _onComment, _onChompKeep) {
        const src = `*${this.source}`;
        if (ctx) {
          anchors.anchorIsValid(this.source);
          if (ctx.options.verifyAliasOrder && !ctx.anchors.has(this.source)) {
            const msg = `Unresolved alias (the anchor must be set before the alias): ${this.source}`;
            throw new Error(msg);
          }
          if (ctx.implicitKey)
            return `${src} `;
        }
        return src;
      }
    };
    function getAliasCount(doc, node, anchors2) {
      if (identity.isAlias(node)) {
        const source = node.resolve(doc);
        const anchor = anchors2 && source && anchors2.get(source);
        return anchor ? anchor.count * anchor.aliasCount : 0;
      } else if (identity.isCollection(node)) {
        let count = 0;
        for (const item of node.items) {
          const c = getAliasCount(doc, item, anchors2);
          if (c > count)
            count = c;
        }
        return count;
      } else if (identity.isPair(node)) {
        const kc = getAliasCount(doc, node.key, anchors2);
        const vc = getAliasCount(doc, node.value, anchors2);
        return Math.max(kc, vc);
      }
      return 1;
    }
    exports.Alias = Alias;
  }
});

// node_modules/yaml/dist/nodes/Scalar.js
var require_Scalar = __commonJS({
  "node_modules/yaml/dist/nodes/Scalar.js"(exports) {
    "use strict";
    var identity = require_identity();
    var Node2 = require_Node();
    var toJS = require_toJS();
    var isScalarValue = (value) => !value || typeof value !== "function" && typeof value !== "object";
    var Scalar = class extends Node2.NodeBase {
      constructor(value) {
        super(identity.SCALAR);
        this.value = value;
      }
      toJSON(arg, ctx) {
        return ctx?.keep ? this.value : toJS.toJS(this.value, arg, ctx);
      }
      toString() {
        return String(this.value);
      }
    };
    Scalar.BLOCK_FOLDED = "BLOCK_FOLDED";
    Scalar.BLOCK_LITERAL = "BLOCK_LITERAL";
    Scalar.PLAIN = "PLAIN";
    Scalar.QUOTE_DOUBLE = "QUOTE_DOUBLE";
    Scalar.QUOTE_SINGLE = "QUOTE_SINGLE";
    exports.Scalar = Scalar;
    exports.isScalarValue = isScalarValue;
  }
});

// node_modules/yaml/dist/doc/createNode.js
var require_createNode = __commonJS({
  "node_modules/yaml/dist/doc/createNode.js"(exports) {
    "use strict";
    var Alias = require_Alias();
    var identity = require_identity();
    var Scalar = require_Scalar();
    var defaultTagPrefix = "tag:yaml.org,2002:";
    function findTagObject(value, tagName, tags) {
      if (tagName) {
        const match = tags.filter((t) => t.tag === tagName);
        const tagObj = match.find((t) => !t.format) ?? match[0];
        if (!tagObj)
          throw new Error(`Tag ${tagName} not found`);
        return tagObj;
      }
      return tags.find((t) => t.identify?.(value) && !t.format);
    }
    function createNode(value, tagName, ctx) {
      if (identity.isDocument(value))
        value = value.contents;
      if (identity.isNode(value))
        return value;
      if (identity.isPair(value)) {
        const map = ctx.schema[identity.MAP].createNode?.(ctx.schema, null, ctx);
        map.items.push(value);
        return map;
      }
      if (value instanceof String || value instanceof Number || value instanceof Boolean || typeof BigInt !== "undefined" && value instanceof BigInt) {
        value = value.valueOf();
      }
      const { aliasDuplicateObjects, onAnchor, onTagObj, schema, sourceObjects } = ctx;
      let ref = void 0;
      if (aliasDuplicateObjects && value && typeof value === "object") {
        ref = sourceObjects.get(value);
        if (ref) {
          ref.anchor ?? (ref.anchor = onAnchor(value));
          return new Alias.Alias(ref.anchor);
        } else {
          ref = { anchor: null, node: null };
          sourceObjects.set(value, ref);
        }
      }
      if (tagName?.startsWith("!!"))
        tagName = defaultTagPrefix + tagName.slice(2);
      let tagObj = findTagObject(value, tagName, schema.tags);
      if (!tagObj) {
        if (value && typeof value.toJSON === "function") {
          value = value.toJSON();
        }
        if (!value || typeof value !== "object") {
          const node2 = new Scalar.Scalar(value);
          if (ref)
            ref.node = node2;
          return node2;
        }
        tagObj = value instanceof Map ? schema[identity.MAP] : Symbol.iterator in Object(value) ? schema[identity.SEQ] : schema[identity.MAP];
      }
      if (onTagObj) {
        onTagObj(tagObj);
        delete ctx.onTagObj;
      }
      const node = tagObj?.createNode ? tagObj.createNode(ctx.schema, value, ctx) : typeof tagObj?.nodeClass?.from === "function" ? tagObj.nodeClass.from(ctx.schema, value, ctx) : new Scalar.Scalar(value);
      if (tagName)
        node.tag = tagName;
      else if (!tagObj.default)
        node.tag = tagObj.tag;
      if (ref)
        ref.node = node;
      return node;
    }
    exports.createNode = createNode;
  }
});

// node_modules/yaml/dist/nodes/Collection.js
var require_Collection = __commonJS({
  "node_modules/yaml/dist/nodes/Collection.js"(exports) {
    "use strict";
    var createNode = require_createNode();
    var identity = require_identity();
    var Node2 = require_Node();
    function collectionFromPath(schema, path5, value) {
      let v = value;
      for (let i = path5.length - 1; i >= 0; --i) {
        const k = path5[i];
        if (typeof k === "number" && Number.isInteger(k) && k >= 0) {
          const a = [];
          a[k] = v;
          v = a;
        } else {
          v = /* @__PURE__ */ new Map([[k, v]]);
        }
      }
      return createNode.createNode(v, void 0, {
        aliasDuplicateObjects: false,
        keepUndefined: false,
        onAnchor: () => {
          throw new Error("This should not happen, please report a bug.");
        },
        schema,
        sourceObjects: /* @__PURE__ */ new Map()
      });
    }
    var isEmptyPath = (path5) => path5 == null || typeof path5 === "object" && !!path5[Symbol.iterator]().next().done;
    var Collection = class extends Node2.NodeBase {
      constructor(type, schema) {
        super(type);
        Object.defineProperty(this, "schema", {
          value: schema,
          configurable: true,
          enumerable: false,
          writable: true
        });
      }
      /**
       * Create a copy of this collection.
       *
       * @param schema - If defined, overwrites the original's schema
       */
      clone(schema) {
        const copy = Object.create(Object.getPrototypeOf(this), Object.getOwnPropertyDescriptors(this));
        if (schema)
          copy.schema = schema;
        copy.items = copy.items.map((it) => identity.isNode(it) || identity.isPair(it) ? it.clone(schema) : it);
        if (this.range)
          copy.range = this.range.slice();
        return copy;
      }
      /**
       * Adds a value to the collection. For `!!map` and `!!omap` the value must
       * be a Pair instance or a `{ key, value }` object, which may not have a key
       * that already exists in the map.
       */
      addIn(path5, value) {
        if (isEmptyPath(path5))
          this.add(value);
        else {
          const [key, ...rest] = path5;
          const node = this.get(key, true);
          if (identity.isCollection(node))
            node.addIn(rest, value);
          else if (node === void 0 && this.schema)
            this.set(key, collectionFromPath(this.schema, rest, value));
          else
            throw new Error(`Expected YAML collection at ${key}. Remaining path: ${rest}`);
        }
      }
      /**
       * Removes a value from the collection.
       * @returns `true` if the item was found and removed.
       */
      deleteIn(path5) {
        const [key, ...rest] = path5;
        if (rest.length === 0)
          return this.delete(key);
        const node = this.get(key, true);
        if (identity.isCollection(node))
          return node.deleteIn(rest);
        else
          throw new Error(`Expected YAML collection at ${key}. Remaining path: ${rest}`);
      }
      /**
       * Returns item at `key`, or `undefined` if not found. By default unwraps
       * scalar values from their surrounding node; to disable set `keepScalar` to
       * `true` (collections are always returned intact).
       */
      getIn(path5, keepScalar) {
        const [key, ...rest] = path5;
        const node = this.get(key, true);
        if (rest.length === 0)
          return !keepScalar && identity.isScalar(node) ? node.value : node;
        else
          return identity.isCollection(node) ? node.getIn(rest, keepScalar) : void 0;
      }
      hasAllNullValues(allowScalar) {
        return this.items.every((node) => {
          if (!identity.isPair(node))
            return false;
          const n = node.value;
          return n == null || allowScalar && identity.isScalar(n) && n.value == null && !n.commentBefore && !n.comment && !n.tag;
        });
      }
      /**
       * Checks if the collection includes a value with the key `key`.
       */
      hasIn(path5) {
        const [key, ...rest] = path5;
        if (rest.length === 0)
          return this.has(key);
        const node = this.get(key, true);
        return identity.isCollection(node) ? node.hasIn(rest) : false;
      }
      /**
       * Sets a value in this collection. For `!!set`, `value` needs to be a
       * boolean to add/remove the item from the set.
       */
      setIn(path5, value) {
        const [key, ...rest] = path5;
        if (rest.length === 0) {
          this.set(key, value);
        } else {
          const node = this.get(key, true);
          if (identity.isCollection(node))
            node.setIn(rest, value);
          else if (node === void 0 && this.schema)
            this.set(key, collectionFromPath(this.schema, rest, value));
          else
            throw new Error(`Expected YAML collection at ${key}. Remaining path: ${rest}`);
        }
      }
    };
    exports.Collection = Collection;
    exports.collectionFromPath = collectionFromPath;
    exports.isEmptyPath = isEmptyPath;
  }
});

// node_modules/yaml/dist/stringify/stringifyComment.js
var require_stringifyComment = __commonJS({
  "node_modules/yaml/dist/stringify/stringifyComment.js"(exports) {
    "use strict";
    var stringifyComment = (str) => str.replace(/^(?!$)(?: $)?/gm, "#");
    function indentComment(comment, indent) {
      if (/^\n+$/.test(comment))
        return comment.substring(1);
      return indent ? comment.replace(/^(?! *$)/gm, indent) : comment;
    }
    var lineComment = (str, indent, comment) => str.endsWith("\n") ? indentComment(comment, indent) : comment.includes("\n") ? "\n" + indentComment(comment, indent) : (str.endsWith(" ") ? "" : " ") + comment;
    exports.indentComment = indentComment;
    exports.lineComment = lineComment;
    exports.stringifyComment = stringifyComment;
  }
});

// node_modules/yaml/dist/stringify/foldFlowLines.js
var require_foldFlowLines = __commonJS({
  "node_modules/yaml/dist/stringify/foldFlowLines.js"(exports) {
    "use strict";
    var FOLD_FLOW = "flow";
    var FOLD_BLOCK = "block";
    var FOLD_QUOTED = "quoted";
    function foldFlowLines(text2, indent, mode = "flow", { indentAtStart, lineWidth = 80, minContentWidth = 20, onFold, onOverflow } = {}) {
      if (!lineWidth || lineWidth < 0)
        return text2;
      if (lineWidth < minContentWidth)
        minContentWidth = 0;
      const endStep = Math.max(1 + minContentWidth, 1 + lineWidth - indent.length);
      if (text2.length <= endStep)
        return text2;
      const folds = [];
      const escapedFolds = {};
      let end = lineWidth - indent.length;
      if (typeof indentAtStart === "number") {
        if (indentAtStart > lineWidth - Math.max(2, minContentWidth))
          folds.push(0);
        else
          end = lineWidth - indentAtStart;
      }
      let split = void 0;
      let prev = void 0;
      let overflow = false;
      let i = -1;
      let escStart = -1;
      let escEnd = -1;
      if (mode === FOLD_BLOCK) {
        i = consumeMoreIndentedLines(text2, i, indent.length);
        if (i !== -1)
          end = i + endStep;
      }
      for (let ch; ch = text2[i += 1]; ) {
        if (mode === FOLD_QUOTED && ch === "\\") {
          escStart = i;
          switch (text2[i + 1]) {
            case "x":
              i += 3;
              break;
            case "u":
              i += 5;
              break;
            case "U":
              i += 9;
              break;
            default:
              i += 1;
          }
          escEnd = i;
        }
        if (ch === "\n") {
          if (mode === FOLD_BLOCK)
            i = consumeMoreIndentedLines(text2, i, indent.length);
          end = i + indent.length + endStep;
          split = void 0;
        } else {
          if (ch === " " && prev && prev !== " " && prev !== "\n" && prev !== "	") {
            const next = text2[i + 1];
            if (next && next !== " " && next !== "\n" && next !== "	")
              split = i;
          }
          if (i >= end) {
            if (split) {
              folds.push(split);
              end = split + endStep;
              split = void 0;
            } else if (mode === FOLD_QUOTED) {
              while (prev === " " || prev === "	") {
                prev = ch;
                ch = text2[i += 1];
                overflow = true;
              }
              const j = i > escEnd + 1 ? i - 2 : escStart - 1;
              if (escapedFolds[j])
                return text2;
              folds.push(j);
              escapedFolds[j] = true;
              end = j + endStep;
              split = void 0;
            } else {
              overflow = true;
            }
          }
        }
        prev = ch;
      }
      if (overflow && onOverflow)
        onOverflow();
      if (folds.length === 0)
        return text2;
      if (onFold)
        onFold();
      let res = text2.slice(0, folds[0]);
      for (let i2 = 0; i2 < folds.length; ++i2) {
        const fold = folds[i2];
        const end2 = folds[i2 + 1] || text2.length;
        if (fold === 0)
          res = `
${indent}${text2.slice(0, end2)}`;
        else {
          if (mode === FOLD_QUOTED && escapedFolds[fold])
            res += `${text2[fold]}\\`;
          res += `
${indent}${text2.slice(fold + 1, end2)}`;
        }
      }
      return res;
    }
    function consumeMoreIndentedLines(text2, i, indent) {
      let end = i;
      let start = i + 1;
      let ch = text2[start];
      while (ch === " " || ch === "	") {
        if (i < start + indent) {
          ch = text2[++i];
        } else {
          do {
            ch = text2[++i];
          } while (ch && ch !== "\n");
          end = i;
          start = i + 1;
          ch = text2[start];
        }
      }
      return end;
    }
    exports.FOLD_BLOCK = FOLD_BLOCK;
    exports.FOLD_FLOW = FOLD_FLOW;
    exports.FOLD_QUOTED = FOLD_QUOTED;
    exports.foldFlowLines = foldFlowLines;
  }
});

// node_modules/yaml/dist/stringify/stringifyString.js
var require_stringifyString = __commonJS({
  "node_modules/yaml/dist/stringify/stringifyString.js"(exports) {
    "use strict";
    var Scalar = require_Scalar();
    var foldFlowLines = require_foldFlowLines();
    var getFoldOptions = (ctx, isBlock) => ({
      indentAtStart: isBlock ? ctx.indent.length : ctx.indentAtStart,
      lineWidth: ctx.options.lineWidth,
      minContentWidth: ctx.options.minContentWidth
    });
    var containsDocumentMarker = (str) => /^(%|---|\.\.\.)/m.test(str);
    function lineLengthOverLimit(str, lineWidth, indentLength) {
      if (!lineWidth || lineWidth < 0)
        return false;
      const limit = lineWidth - indentLength;
      const strLen = str.length;
      if (strLen <= limit)
        return false;
      for (let i = 0, start = 0; i < strLen; ++i) {
        if (str[i] === "\n") {
          if (i - start > limit)
            return true;
          start = i + 1;
          if (strLen - start <= limit)
            return false;
        }
      }
      return true;
    }
    function doubleQuotedString(value, ctx) {
      const json = JSON.stringify(value);
      if (ctx.options.doubleQuotedAsJSON)
        return json;
      const { implicitKey } = ctx;
      const minMultiLineLength = ctx.options.doubleQuotedMinMultiLineLength;
      const indent = ctx.indent || (containsDocumentMarker(value) ? "  " : "");
      let str = "";
      let start = 0;
      for (let i = 0, ch = json[i]; ch; ch = json[++i]) {
        if (ch === " " && json[i + 1] === "\\" && json[i + 2] === "n") {
          str += json.slice(start, i) + "\\ ";
          i += 1;
          start = i;
          ch = "\\";
        }
        if (ch === "\\")
          switch (json[i + 1]) {
            case "u":
              {
                str += json.slice(start, i);
                const code = json.substr(i + 2, 4);
                switch (code) {
                  case "0000":
                    str += "\\0";
                    break;
                  case "0007":
                    str += "\\a";
                    break;
                  case "000b":
                    str += "\\v";
                    break;
                  case "001b":
                    str += "\\e";
                    break;
                  case "0085":
                    str += "\\N";
                    break;
                  case "00a0":
                    str += "\\_";
                    break;
                  case "2028":
                    str += "\\L";
                    break;
                  case "2029":
                    str += "\\P";
                    break;
                  default:
                    if (code.substr(0, 2) === "00")
                      str += "\\x" + code.substr(2);
                    else
                      str += json.substr(i, 6);
                }
                i += 5;
                start = i + 1;
              }
              break;
            case "n":
              if (implicitKey || json[i + 2] === '"' || json.length < minMultiLineLength) {
                i += 1;
              } else {
                str += json.slice(start, i) + "\n\n";
                while (json[i + 2] === "\\" && json[i + 3] === "n" && json[i + 4] !== '"') {
                  str += "\n";
                  i += 2;
                }
                str += indent;
                if (json[i + 2] === " ")
                  str += "\\";
                i += 1;
                start = i + 1;
              }
              break;
            default:
              i += 1;
          }
      }
      str = start ? str + json.slice(start) : json;
      return implicitKey ? str : foldFlowLines.foldFlowLines(str, indent, foldFlowLines.FOLD_QUOTED, getFoldOptions(ctx, false));
    }
    function singleQuotedString(value, ctx) {
      if (ctx.options.singleQuote === false || ctx.implicitKey && value.includes("\n") || /[ \t]\n|\n[ \t]/.test(value))
        return doubleQuotedString(value, ctx);
      const indent = ctx.indent || (containsDocumentMarker(value) ? "  " : "");
      const res = "'" + value.replace(/'/g, "''").replace(/\n+/g, `$&
${indent}`) + "'";
      return ctx.implicitKey ? res : foldFlowLines.foldFlowLines(res, indent, foldFlowLines.FOLD_FLOW, getFoldOptions(ctx, false));
    }
    function quotedString(value, ctx) {
      const { singleQuote } = ctx.options;
      let qs;
      if (singleQuote === false)
        qs = doubleQuotedString;
      else {
        const hasDouble = value.includes('"');
        const hasSingle = value.includes("'");
        if (hasDouble && !hasSingle)
          qs = singleQuotedString;
        else if (hasSingle && !hasDouble)
          qs = doubleQuotedString;
        else
          qs = singleQuote ? singleQuotedString : doubleQuotedString;
      }
      return qs(value, ctx);
    }
    var blockEndNewlines;
    try {
      blockEndNewlines = new RegExp("(^|(?<!\n))\n+(?!\n|$)", "g");
    } catch {
      blockEndNewlines = /\n+(?!\n|$)/g;
    }
    function blockString({ comment, type, value }, ctx, onComment, onChompKeep) {
      const { blockQuote, commentString, lineWidth } = ctx.options;
      if (!blockQuote || /\n[\t ]+$/.test(value)) {
        return quotedString(value, ctx);
      }
      const indent = ctx.indent || (ctx.forceBlockIndent || containsDocumentMarker(value) ? "  " : "");
      const literal = blockQuote === "literal" ? true : blockQuote === "folded" || type === Scalar.Scalar.BLOCK_FOLDED ? false : type === Scalar.Scalar.BLOCK_LITERAL ? true : !lineLengthOverLimit(value, lineWidth, indent.length);
      if (!value)
        return literal ? "|\n" : ">\n";
      let chomp;
      let endStart;
      for (endStart = value.length; endStart > 0; --endStart) {
        const ch = value[endStart - 1];
        if (ch !== "\n" && ch !== "	" && ch !== " ")
          break;
      }
      let end = value.substring(endStart);
      const endNlPos = end.indexOf("\n");
      if (endNlPos === -1) {
        chomp = "-";
      } else if (value === end || endNlPos !== end.length - 1) {
        chomp = "+";
        if (onChompKeep)
          onChompKeep();
      } else {
        chomp = "";
      }
      if (end) {
        value = value.slice(0, -end.length);
        if (end[end.length - 1] === "\n")
          end = end.slice(0, -1);
        end = end.replace(blockEndNewlines, `$&${indent}`);
      }
      let startWithSpace = false;
      let startEnd;
      let startNlPos = -1;
      for (startEnd = 0; startEnd < value.length; ++startEnd) {
        const ch = value[startEnd];
        if (ch === " ")
          startWithSpace = true;
        else if (ch === "\n")
          startNlPos = startEnd;
        else
          break;
      }
      let start = value.substring(0, startNlPos < startEnd ? startNlPos + 1 : startEnd);
      if (start) {
        value = value.substring(start.length);
        start = start.replace(/\n+/g, `$&${indent}`);
      }
      const indentSize = indent ? "2" : "1";
      let header = (startWithSpace ? indentSize : "") + chomp;
      if (comment) {
        header += " " + commentString(comment.replace(/ ?[\r\n]+/g, " "));
        if (onComment)
          onComment();
      }
      if (!literal) {
        const foldedValue = value.replace(/\n+/g, "\n$&").replace(/(?:^|\n)([\t ].*)(?:([\n\t ]*)\n(?![\n\t ]))?/g, "$1$2").replace(/\n+/g, `$&${indent}`);
        let literalFallback = false;
        const foldOptions = getFoldOptions(ctx, true);
        if (blockQuote !== "folded" && type !== Scalar.Scalar.BLOCK_FOLDED) {
          foldOptions.onOverflow = () => {
            literalFallback = true;
          };
        }
        const body = foldFlowLines.foldFlowLines(`${start}${foldedValue}${end}`, indent, foldFlowLines.FOLD_BLOCK, foldOptions);
        if (!literalFallback)
          return `>${header}
${indent}${body}`;
      }
      value = value.replace(/\n+/g, `$&${indent}`);
      return `|${header}
${indent}${start}${value}${end}`;
    }
    function plainString(item, ctx, onComment, onChompKeep) {
      const { type, value } = item;
      const { actualString, implicitKey, indent, indentStep, inFlow } = ctx;
      if (implicitKey && value.includes("\n") || inFlow && /[[\]{},]/.test(value)) {
        return quotedString(value, ctx);
      }
      if (/^[\n\t ,[\]{}#&*!|>'"%@`]|^[?-]$|^[?-][ \t]|[\n:][ \t]|[ \t]\n|[\n\t ]#|[\n\t :]$/.test(value)) {
        return implicitKey || inFlow || !value.includes("\n") ? quotedString(value, ctx) : blockString(item, ctx, onComment, onChompKeep);
      }
      if (!implicitKey && !inFlow && type !== Scalar.Scalar.PLAIN && value.includes("\n")) {
        return blockString(item, ctx, onComment, onChompKeep);
      }
      if (containsDocumentMarker(value)) {
        if (indent === "") {
          ctx.forceBlockIndent = true;
          return blockString(item, ctx, onComment, onChompKeep);
        } else if (implicitKey && indent === indentStep) {
          return quotedString(value, ctx);
        }
      }
      const str = value.replace(/\n+/g, `$&
${indent}`);
      if (actualString) {
        const test = (tag) => tag.default && tag.tag !== "tag:yaml.org,2002:str" && tag.test?.test(str);
        const { compat, tags } = ctx.doc.schema;
        if (tags.some(test) || compat?.some(test))
          return quotedString(value, ctx);
      }
      return implicitKey ? str : foldFlowLines.foldFlowLines(str, indent, foldFlowLines.FOLD_FLOW, getFoldOptions(ctx, false));
    }
    function stringifyString(item, ctx, onComment, onChompKeep) {
      const { implicitKey, inFlow } = ctx;
      const ss = typeof item.value === "string" ? item : Object.assign({}, item, { value: String(item.value) });
      let { type } = item;
      if (type !== Scalar.Scalar.QUOTE_DOUBLE) {
        if (/[\x00-\x08\x0b-\x1f\x7f-\x9f\u{D800}-\u{DFFF}]/u.test(ss.value))
          type = Scalar.Scalar.QUOTE_DOUBLE;
      }
      const _stringify = (_type) => {
        switch (_type) {
          case Scalar.Scalar.BLOCK_FOLDED:
          case Scalar.Scalar.BLOCK_LITERAL:
            return implicitKey || inFlow ? quotedString(ss.value, ctx) : blockString(ss, ctx, onComment, onChompKeep);
          case Scalar.Scalar.QUOTE_DOUBLE:
            return doubleQuotedString(ss.value, ctx);
          case Scalar.Scalar.QUOTE_SINGLE:
            return singleQuotedString(ss.value, ctx);
          case Scalar.Scalar.PLAIN:
            return plainString(ss, ctx, onComment, onChompKeep);
          default:
            return null;
        }
      };
      let res = _stringify(type);
      if (res === null) {
        const { defaultKeyType, defaultStringType } = ctx.options;
        const t = implicitKey && defaultKeyType || defaultStringType;
        res = _stringify(t);
        if (res === null)
          throw new Error(`Unsupported default string type ${t}`);
      }
      return res;
    }
    exports.stringifyString = stringifyString;
  }
});

// node_modules/yaml/dist/stringify/stringify.js
var require_stringify = __commonJS({
  "node_modules/yaml/dist/stringify/stringify.js"(exports) {
    "use strict";
    var anchors = require_anchors();
    var identity = require_identity();
    var stringifyComment = require_stringifyComment();
    var stringifyString = require_stringifyString();
    function createStringifyContext(doc, options) {
      const opt = Object.assign({
        blockQuote: true,
        commentString: stringifyComment.stringifyComment,
        defaultKeyType: null,
        defaultStringType: "PLAIN",
        directives: null,
        doubleQuotedAsJSON: false,
        doubleQuotedMinMultiLineLength: 40,
        falseStr: "false",
        flowCollectionPadding: true,
        indentSeq: true,
        lineWidth: 80,
        minContentWidth: 20,
        nullStr: "null",
        simpleKeys: false,
        singleQuote: null,
        trailingComma: false,
        trueStr: "true",
        verifyAliasOrder: true
      }, doc.schema.toStringOptions, options);
      let inFlow;
      switch (opt.collectionStyle) {
        case "block":
          inFlow = false;
          break;
        case "flow":
          inFlow = true;
          break;
        default:
          inFlow = null;
      }
      return {
        anchors: /* @__PURE__ */ new Set(),
        doc,
        flowCollectionPadding: opt.flowCollectionPadding ? " " : "",
        indent: "",
        indentStep: typeof opt.indent === "number" ? " ".repeat(opt.indent) : "  ",
        inFlow,
        options: opt
      };
    }
    function getTagObject(tags, item) {
      if (item.tag) {
        const match = tags.filter((t) => t.tag === item.tag);
        if (match.length > 0)
          return match.find((t) => t.format === item.format) ?? match[0];
      }
      let tagObj = void 0;
      let obj;
      if (identity.isScalar(item)) {
        obj = item.value;
        let match = tags.filter((t) => t.identify?.(obj));
        if (match.length > 1) {
          const testMatch = match.filter((t) => t.test);
          if (testMatch.length > 0)
            match = testMatch;
        }
        tagObj = match.find((t) => t.format === item.format) ?? match.find((t) => !t.format);
      } else {
        obj = item;
        tagObj = tags.find((t) => t.nodeClass && obj instanceof t.nodeClass);
      }
      if (!tagObj) {
        const name = obj?.constructor?.name ?? (obj === null ? "null" : typeof obj);
        throw new Error(`Tag not resolved for ${name} value`);
      }
      return tagObj;
    }
    function stringifyProps(node, tagObj, { anchors: anchors$1, doc }) {
      if (!doc.directives)
        return "";
      const props = [];
      const anchor = (identity.isScalar(node) || identity.isCollection(node)) && node.anchor;
      if (anchor && anchors.anchorIsValid(anchor)) {
        anchors$1.add(anchor);
        props.push(`&${anchor}`);
      }
      const tag = node.tag ?? (tagObj.default ? null : tagObj.tag);
      if (tag)
        props.push(doc.directives.tagString(tag));
      return props.join(" ");
    }
    function stringify(item, ctx, onComment, onChompKeep) {
      if (identity.isPair(item))
        return item.toString(ctx, onComment, onChompKeep);
      if (identity.isAlias(item)) {
        if (ctx.doc.directives)
          return item.toString(ctx);
        if (ctx.resolvedAliases?.has(item)) {
          throw new TypeError(`Cannot stringify circular structure without alias nodes`);
        } else {
          if (ctx.resolvedAliases)
            ctx.resolvedAliases.add(item);
          else
            ctx.resolvedAliases = /* @__PURE__ */ new Set([item]);
          item = item.resolve(ctx.doc);
        }
      }
      let tagObj = void 0;
      const node = identity.isNode(item) ? item : ctx.doc.createNode(item, { onTagObj: (o) => tagObj = o });
      tagObj ?? (tagObj = getTagObject(ctx.doc.schema.tags, node));
      const props = stringifyProps(node, tagObj, ctx);
      if (props.length > 0)
        ctx.indentAtStart = (ctx.indentAtStart ?? 0) + props.length + 1;
      const str = typeof tagObj.stringify === "function" ? tagObj.stringify(node, ctx, onComment, onChompKeep) : identity.isScalar(node) ? stringifyString.stringifyString(node, ctx, onComment, onChompKeep) : node.toString(ctx, onComment, onChompKeep);
      if (!props)
        return str;
      return identity.isScalar(node) || str[0] === "{" || str[0] === "[" ? `${props} ${str}` : `${props}
${ctx.indent}${str}`;
    }
    exports.createStringifyContext = createStringifyContext;
    exports.stringify = stringify;
  }
});

// node_modules/yaml/dist/stringify/stringifyPair.js
var require_stringifyPair = __commonJS({
  "node_modules/yaml/dist/stringify/stringifyPair.js"(exports) {
    "use strict";
    var identity = require_identity();
    var Scalar = require_Scalar();
    var stringify = require_stringify();
    var stringifyComment = require_stringifyComment();
    function stringifyPair({ key, value }, ctx, onComment, onChompKeep) {
      const { allNullValues, doc, indent, indentStep, options: { commentString, indentSeq, simpleKeys } } = ctx;
      let keyComment = identity.isNode(key) && key.comment || null;
      if (simpleKeys) {
        if (keyComment) {
          throw new Error("With simple keys, key nodes cannot have comments");
        }
        if (identity.isCollection(key) || !identity.isNode(key) && typeof key === "object") {
          const msg = "With simple keys, collection cannot be used as a key value";
          throw new Error(msg);
        }
      }
      let explicitKey = !simpleKeys && (!key || keyComment && value == null && !ctx.inFlow || identity.isCollection(key) || (identity.isScalar(key) ? key.type === Scalar.Scalar.BLOCK_FOLDED || key.type === Scalar.Scalar.BLOCK_LITERAL : typeof key === "object"));
      ctx = Object.assign({}, ctx, {
        allNullValues: false,
        implicitKey: !explicitKey && (simpleKeys || !allNullValues),
        indent: indent + indentStep
      });
      let keyCommentDone = false;
      let chompKeep = false;
      let str = stringify.stringify(key, ctx, () => keyCommentDone = true, () => chompKeep = true);
      if (!explicitKey && !ctx.inFlow && str.length > 1024) {
        if (simpleKeys)
          throw new Error("With simple keys, single line scalar must not span more than 1024 characters");
        explicitKey = true;
      }
      if (ctx.inFlow) {
        if (allNullValues || value == null) {
          if (keyCommentDone && onComment)
            onComment();
          return str === "" ? "?" : explicitKey ? `? ${str}` : str;
        }
      } else if (allNullValues && !simpleKeys || value == null && explicitKey) {
        str = `? ${str}`;
        if (keyComment && !keyCommentDone) {
          str += stringifyComment.lineComment(str, ctx.indent, commentString(keyComment));
        } else if (chompKeep && onChompKeep)
          onChompKeep();
        return str;
      }
      if (keyCommentDone)
        keyComment = null;
      if (explicitKey) {
        if (keyComment)
          str += stringifyComment.lineComment(str, ctx.indent, commentString(keyComment));
        str = `? ${str}
${indent}:`;
      } else {
        str = `${str}:`;
        if (keyComment)
          str += stringifyComment.lineComment(str, ctx.indent, commentString(keyComment));
      }
      let vsb, vcb, valueComment;
      if (identity.isNode(value)) {
        vsb = !!value.spaceBefore;
        vcb = value.commentBefore;
        valueComment = value.comment;
      } else {
        vsb = false;
        vcb = null;
        valueComment = null;
        if (value && typeof value === "object")
          value = doc.createNode(value);
      }
      ctx.implicitKey = false;
      if (!explicitKey && !keyComment && identity.isScalar(value))
        ctx.indentAtStart = str.length + 1;
      chompKeep = false;
      if (!indentSeq && indentStep.length >= 2 && !ctx.inFlow && !explicitKey && identity.isSeq(value) && !value.flow && !value.tag && !value.anchor) {
        ctx.indent = ctx.indent.substring(2);
      }
      let valueCommentDone = false;
      const valueStr = stringify.stringify(value, ctx, () => valueCommentDone = true, () => chompKeep = true);
      let ws = " ";
      if (keyComment || vsb || vcb) {
        ws = vsb ? "\n" : "";
        if (vcb) {
          const cs = commentString(vcb);
          ws += `
${stringifyComment.indentComment(cs, ctx.indent)}`;
        }
        if (valueStr === "" && !ctx.inFlow) {
          if (ws === "\n" && valueComment)
            ws = "\n\n";
        } else {
          ws += `
${ctx.indent}`;
        }
      } else if (!explicitKey && identity.isCollection(value)) {
        const vs0 = valueStr[0];
        const nl0 = valueStr.indexOf("\n");
        const hasNewline = nl0 !== -1;
        const flow = ctx.inFlow ?? value.flow ?? value.items.length === 0;
        if (hasNewline || !flow) {
          let hasPropsLine = false;
          if (hasNewline && (vs0 === "&" || vs0 === "!")) {
            let sp0 = valueStr.indexOf(" ");
            if (vs0 === "&" && sp0 !== -1 && sp0 < nl0 && valueStr[sp0 + 1] === "!") {
              sp0 = valueStr.indexOf(" ", sp0 + 1);
            }
            if (sp0 === -1 || nl0 < sp0)
              hasPropsLine = true;
          }
          if (!hasPropsLine)
            ws = `
${ctx.indent}`;
        }
      } else if (valueStr === "" || valueStr[0] === "\n") {
        ws = "";
      }
      str += ws + valueStr;
      if (ctx.inFlow) {
        if (valueCommentDone && onComment)
          onComment();
      } else if (valueComment && !valueCommentDone) {
        str += stringifyComment.lineComment(str, ctx.indent, commentString(valueComment));
      } else if (chompKeep && onChompKeep) {
        onChompKeep();
      }
      return str;
    }
    exports.stringifyPair = stringifyPair;
  }
});

// node_modules/yaml/dist/log.js
var require_log = __commonJS({
  "node_modules/yaml/dist/log.js"(exports) {
    "use strict";
    var node_process = __require("process");
    function debug(logLevel, ...messages) {
      if (logLevel === "debug")
        console.log(...messages);
    }
    function warn(logLevel, warning) {
      if (logLevel === "debug" || logLevel === "warn") {
        if (typeof node_process.emitWarning === "function")
          node_process.emitWarning(warning);
        else
          console.warn(warning);
      }
    }
    exports.debug = debug;
    exports.warn = warn;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/merge.js
var require_merge = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/merge.js"(exports) {
    "use strict";
    var identity = require_identity();
    var Scalar = require_Scalar();
    var MERGE_KEY = "<<";
    var merge = {
      identify: (value) => value === MERGE_KEY || typeof value === "symbol" && value.description === MERGE_KEY,
      default: "key",
      tag: "tag:yaml.org,2002:merge",
      test: /^<<$/,
      resolve: () => Object.assign(new Scalar.Scalar(Symbol(MERGE_KEY)), {
        addToJSMap: addMergeToJSMap
      }),
      stringify: () => MERGE_KEY
    };
    var isMergeKey = (ctx, key) => (merge.identify(key) || identity.isScalar(key) && (!key.type || key.type === Scalar.Scalar.PLAIN) && merge.identify(key.value)) && ctx?.doc.schema.tags.some((tag) => tag.tag === merge.tag && tag.default);
    function addMergeToJSMap(ctx, map, value) {
      const source = resolveAliasValue(ctx, value);
      if (identity.isSeq(source))
        for (const it of source.items)
          mergeValue(ctx, map, it);
      else if (Array.isArray(source))
        for (const it of source)
          mergeValue(ctx, map, it);
      else
        mergeValue(ctx, map, source);
    }
    function mergeValue(ctx, map, value) {
      const source = resolveAliasValue(ctx, value);
      if (!identity.isMap(source))
        throw new Error("Merge sources must be maps or map aliases");
      const srcMap = source.toJSON(null, ctx, Map);
      for (const [key, value2] of srcMap) {
        if (map instanceof Map) {
          if (!map.has(key))
            map.set(key, value2);
        } else if (map instanceof Set) {
          map.add(key);
        } else if (!Object.prototype.hasOwnProperty.call(map, key)) {
          Object.defineProperty(map, key, {
            value: value2,
            writable: true,
            enumerable: true,
            configurable: true
          });
        }
      }
      return map;
    }
    function resolveAliasValue(ctx, value) {
      return ctx && identity.isAlias(value) ? value.resolve(ctx.doc, ctx) : value;
    }
    exports.addMergeToJSMap = addMergeToJSMap;
    exports.isMergeKey = isMergeKey;
    exports.merge = merge;
  }
});

// node_modules/yaml/dist/nodes/addPairToJSMap.js
var require_addPairToJSMap = __commonJS({
  "node_modules/yaml/dist/nodes/addPairToJSMap.js"(exports) {
    "use strict";
    var log = require_log();
    var merge = require_merge();
    var stringify = require_stringify();
    var identity = require_identity();
    var toJS = require_toJS();
    function addPairToJSMap(ctx, map, { key, value }) {
      if (identity.isNode(key) && key.addToJSMap)
        key.addToJSMap(ctx, map, value);
      else if (merge.isMergeKey(ctx, key))
        merge.addMergeToJSMap(ctx, map, value);
      else {
        const jsKey = toJS.toJS(key, "", ctx);
        if (map instanceof Map) {
          map.set(jsKey, toJS.toJS(value, jsKey, ctx));
        } else if (map instanceof Set) {
          map.add(jsKey);
        } else {
          const stringKey = stringifyKey(key, jsKey, ctx);
          const jsValue = toJS.toJS(value, stringKey, ctx);
          if (stringKey in map)
            Object.defineProperty(map, stringKey, {
              value: jsValue,
              writable: true,
              enumerable: true,
              configurable: true
            });
          else
            map[stringKey] = jsValue;
        }
      }
      return map;
    }
    function stringifyKey(key, jsKey, ctx) {
      if (jsKey === null)
        return "";
      if (typeof jsKey !== "object")
        return String(jsKey);
      if (identity.isNode(key) && ctx?.doc) {
        const strCtx = stringify.createStringifyContext(ctx.doc, {});
        strCtx.anchors = /* @__PURE__ */ new Set();
        for (const node of ctx.anchors.keys())
          strCtx.anchors.add(node.anchor);
        strCtx.inFlow = true;
        strCtx.inStringifyKey = true;
        const strKey = key.toString(strCtx);
        if (!ctx.mapKeyWarned) {
          let jsonStr = JSON.stringify(strKey);
          if (jsonStr.length > 40)
            jsonStr = jsonStr.substring(0, 36) + '..."';
          log.warn(ctx.doc.options.logLevel, `Keys with collection values will be stringified due to JS Object restrictions: ${jsonStr}. Set mapAsMap: true to use object keys.`);
          ctx.mapKeyWarned = true;
        }
        return strKey;
      }
      return JSON.stringify(jsKey);
    }
    exports.addPairToJSMap = addPairToJSMap;
  }
});

// node_modules/yaml/dist/nodes/Pair.js
var require_Pair = __commonJS({
  "node_modules/yaml/dist/nodes/Pair.js"(exports) {
    "use strict";
    var createNode = require_createNode();
    var stringifyPair = require_stringifyPair();
    var addPairToJSMap = require_addPairToJSMap();
    var identity = require_identity();
    function createPair(key, value, ctx) {
      const k = createNode.createNode(key, void 0, ctx);
      const v = createNode.createNode(value, void 0, ctx);
      return new Pair(k, v);
    }
    var Pair = class _Pair {
      constructor(key, value = null) {
        Object.defineProperty(this, identity.NODE_TYPE, { value: identity.PAIR });
        this.key = key;
        this.value = value;
      }
      clone(schema) {
        let { key, value } = this;
        if (identity.isNode(key))
          key = key.clone(schema);
        if (identity.isNode(value))
          value = value.clone(schema);
        return new _Pair(key, value);
      }
      toJSON(_, ctx) {
        const pair = ctx?.mapAsMap ? /* @__PURE__ */ new Map() : {};
        return addPairToJSMap.addPairToJSMap(ctx, pair, this);
      }
      toString(ctx, onComment, onChompKeep) {
        return ctx?.doc ? stringifyPair.stringifyPair(this, ctx, onComment, onChompKeep) : JSON.stringify(this);
      }
    };
    exports.Pair = Pair;
    exports.createPair = createPair;
  }
});

// node_modules/yaml/dist/stringify/stringifyCollection.js
var require_stringifyCollection = __commonJS({
  "node_modules/yaml/dist/stringify/stringifyCollection.js"(exports) {
    "use strict";
    var identity = require_identity();
    var stringify = require_stringify();
    var stringifyComment = require_stringifyComment();
    function stringifyCollection(collection, ctx, options) {
      const flow = ctx.inFlow ?? collection.flow;
      const stringify2 = flow ? stringifyFlowCollection : stringifyBlockCollection;
      return stringify2(collection, ctx, options);
    }
    function stringifyBlockCollection({ comment, items }, ctx, { blockItemPrefix, flowChars, itemIndent, onChompKeep, onComment }) {
      const { indent, options: { commentString } } = ctx;
      const itemCtx = Object.assign({}, ctx, { indent: itemIndent, type: null });
      let chompKeep = false;
      const lines = [];
      for (let i = 0; i < items.length; ++i) {
        const item = items[i];
        let comment2 = null;
        if (identity.isNode(item)) {
          if (!chompKeep && item.spaceBefore)
            lines.push("");
          addCommentBefore(ctx, lines, item.commentBefore, chompKeep);
          if (item.comment)
            comment2 = item.comment;
        } else if (identity.isPair(item)) {
          const ik = identity.isNode(item.key) ? item.key : null;
          if (ik) {
            if (!chompKeep && ik.spaceBefore)
              lines.push("");
            addCommentBefore(ctx, lines, ik.commentBefore, chompKeep);
          }
        }
        chompKeep = false;
        let str2 = stringify.stringify(item, itemCtx, () => comment2 = null, () => chompKeep = true);
        if (comment2)
          str2 += stringifyComment.lineComment(str2, itemIndent, commentString(comment2));
        if (chompKeep && comment2)
          chompKeep = false;
        lines.push(blockItemPrefix + str2);
      }
      let str;
      if (lines.length === 0) {
        str = flowChars.start + flowChars.end;
      } else {
        str = lines[0];
        for (let i = 1; i < lines.length; ++i) {
          const line = lines[i];
          str += line ? `
${indent}${line}` : "\n";
        }
      }
      if (comment) {
        str += "\n" + stringifyComment.indentComment(commentString(comment), indent);
        if (onComment)
          onComment();
      } else if (chompKeep && onChompKeep)
        onChompKeep();
      return str;
    }
    function stringifyFlowCollection({ items }, ctx, { flowChars, itemIndent }) {
      const { indent, indentStep, flowCollectionPadding: fcPadding, options: { commentString } } = ctx;
      itemIndent += indentStep;
      const itemCtx = Object.assign({}, ctx, {
        indent: itemIndent,
        inFlow: true,
        type: null
      });
      let reqNewline = false;
      let linesAtValue = 0;
      const lines = [];
      for (let i = 0; i < items.length; ++i) {
        const item = items[i];
        let comment = null;
        if (identity.isNode(item)) {
          if (item.spaceBefore)
            lines.push("");
          addCommentBefore(ctx, lines, item.commentBefore, false);
          if (item.comment)
            comment = item.comment;
        } else if (identity.isPair(item)) {
          const ik = identity.isNode(item.key) ? item.key : null;
          if (ik) {
            if (ik.spaceBefore)
              lines.push("");
            addCommentBefore(ctx, lines, ik.commentBefore, false);
            if (ik.comment)
              reqNewline = true;
          }
          const iv = identity.isNode(item.value) ? item.value : null;
          if (iv) {
            if (iv.comment)
              comment = iv.comment;
            if (iv.commentBefore)
              reqNewline = true;
          } else if (item.value == null && ik?.comment) {
            comment = ik.comment;
          }
        }
        if (comment)
          reqNewline = true;
        let str = stringify.stringify(item, itemCtx, () => comment = null);
        reqNewline || (reqNewline = lines.length > linesAtValue || str.includes("\n"));
        if (i < items.length - 1) {
          str += ",";
        } else if (ctx.options.trailingComma) {
          if (ctx.options.lineWidth > 0) {
            reqNewline || (reqNewline = lines.reduce((sum, line) => sum + line.length + 2, 2) + (str.length + 2) > ctx.options.lineWidth);
          }
          if (reqNewline) {
            str += ",";
          }
        }
        if (comment)
          str += stringifyComment.lineComment(str, itemIndent, commentString(comment));
        lines.push(str);
        linesAtValue = lines.length;
      }
      const { start, end } = flowChars;
      if (lines.length === 0) {
        return start + end;
      } else {
        if (!reqNewline) {
          const len = lines.reduce((sum, line) => sum + line.length + 2, 2);
          reqNewline = ctx.options.lineWidth > 0 && len > ctx.options.lineWidth;
        }
        if (reqNewline) {
          let str = start;
          for (const line of lines)
            str += line ? `
${indentStep}${indent}${line}` : "\n";
          return `${str}
${indent}${end}`;
        } else {
          return `${start}${fcPadding}${lines.join(" ")}${fcPadding}${end}`;
        }
      }
    }
    function addCommentBefore({ indent, options: { commentString } }, lines, comment, chompKeep) {
      if (comment && chompKeep)
        comment = comment.replace(/^\n+/, "");
      if (comment) {
        const ic = stringifyComment.indentComment(commentString(comment), indent);
        lines.push(ic.trimStart());
      }
    }
    exports.stringifyCollection = stringifyCollection;
  }
});

// node_modules/yaml/dist/nodes/YAMLMap.js
var require_YAMLMap = __commonJS({
  "node_modules/yaml/dist/nodes/YAMLMap.js"(exports) {
    "use strict";
    var stringifyCollection = require_stringifyCollection();
    var addPairToJSMap = require_addPairToJSMap();
    var Collection = require_Collection();
    var identity = require_identity();
    var Pair = require_Pair();
    var Scalar = require_Scalar();
    function findPair(items, key) {
      const k = identity.isScalar(key) ? key.value : key;
      for (const it of items) {
        if (identity.isPair(it)) {
          if (it.key === key || it.key === k)
            return it;
          if (identity.isScalar(it.key) && it.key.value === k)
            return it;
        }
      }
      return void 0;
    }
    var YAMLMap = class extends Collection.Collection {
      static get tagName() {
        return "tag:yaml.org,2002:map";
      }
      constructor(schema) {
        super(identity.MAP, schema);
        this.items = [];
      }
      /**
       * A generic collection parsing method that can be extended
       * to other node classes that inherit from YAMLMap
       */
      static from(schema, obj, ctx) {
        const { keepUndefined, replacer } = ctx;
        const map = new this(schema);
        const add3 = (key, value) => {
          if (typeof replacer === "function")
            value = replacer.call(obj, key, value);
          else if (Array.isArray(replacer) && !replacer.includes(key))
            return;
          if (value !== void 0 || keepUndefined)
            map.items.push(Pair.createPair(key, value, ctx));
        };
        if (obj instanceof Map) {
          for (const [key, value] of obj)
            add3(key, value);
        } else if (obj && typeof obj === "object") {
          for (const key of Object.keys(obj))
            add3(key, obj[key]);
        }
        if (typeof schema.sortMapEntries === "function") {
          map.items.sort(schema.sortMapEntries);
        }
        return map;
      }
      /**
       * Adds a value to the collection.
       *
       * @param overwrite - If not set `true`, using a key that is already in the
       *   collection will throw. Otherwise, overwrites the previous value.
       */
      add(pair, overwrite) {
        let _pair;
        if (identity.isPair(pair))
          _pair = pair;
        else if (!pair || typeof pair !== "object" || !("key" in pair)) {
          _pair = new Pair.Pair(pair, pair?.value);
        } else
          _pair = new Pair.Pair(pair.key, pair.value);
        const prev = findPair(this.items, _pair.key);
        const sortEntries = this.schema?.sortMapEntries;
        if (prev) {
          if (!overwrite)
            throw new Error(`Key ${_pair.key} already set`);
          if (identity.isScalar(prev.value) && Scalar.isScalarValue(_pair.value))
            prev.value.value = _pair.value;
          else
            prev.value = _pair.value;
        } else if (sortEntries) {
          const i = this.items.findIndex((item) => sortEntries(_pair, item) < 0);
          if (i === -1)
            this.items.push(_pair);
          else
            this.items.splice(i, 0, _pair);
        } else {
          this.items.push(_pair);
        }
      }
      delete(key) {
        const it = findPair(this.items, key);
        if (!it)
          return false;
        const del = this.items.splice(this.items.indexOf(it), 1);
        return del.length > 0;
      }
      get(key, keepScalar) {
        const it = findPair(this.items, key);
        const node = it?.value;
        return (!keepScalar && identity.isScalar(node) ? node.value : node) ?? void 0;
      }
      has(key) {
        return !!findPair(this.items, key);
      }
      set(key, value) {
        this.add(new Pair.Pair(key, value), true);
      }
      /**
       * @param ctx - Conversion context, originally set in Document#toJS()
       * @param {Class} Type - If set, forces the returned collection type
       * @returns Instance of Type, Map, or Object
       */
      toJSON(_, ctx, Type) {
        const map = Type ? new Type() : ctx?.mapAsMap ? /* @__PURE__ */ new Map() : {};
        if (ctx?.onCreate)
          ctx.onCreate(map);
        for (const item of this.items)
          addPairToJSMap.addPairToJSMap(ctx, map, item);
        return map;
      }
      toString(ctx, onComment, onChompKeep) {
        if (!ctx)
          return JSON.stringify(this);
        for (const item of this.items) {
          if (!identity.isPair(item))
            throw new Error(`Map items must all be pairs; found ${JSON.stringify(item)} instead`);
        }
        if (!ctx.allNullValues && this.hasAllNullValues(false))
          ctx = Object.assign({}, ctx, { allNullValues: true });
        return stringifyCollection.stringifyCollection(this, ctx, {
          blockItemPrefix: "",
          flowChars: { start: "{", end: "}" },
          itemIndent: ctx.indent || "",
          onChompKeep,
          onComment
        });
      }
    };
    exports.YAMLMap = YAMLMap;
    exports.findPair = findPair;
  }
});

// node_modules/yaml/dist/schema/common/map.js
var require_map = __commonJS({
  "node_modules/yaml/dist/schema/common/map.js"(exports) {
    "use strict";
    var identity = require_identity();
    var YAMLMap = require_YAMLMap();
    var map = {
      collection: "map",
      default: true,
      nodeClass: YAMLMap.YAMLMap,
      tag: "tag:yaml.org,2002:map",
      resolve(map2, onError) {
        if (!identity.isMap(map2))
          onError("Expected a mapping for this tag");
        return map2;
      },
      createNode: (schema, obj, ctx) => YAMLMap.YAMLMap.from(schema, obj, ctx)
    };
    exports.map = map;
  }
});

// node_modules/yaml/dist/nodes/YAMLSeq.js
var require_YAMLSeq = __commonJS({
  "node_modules/yaml/dist/nodes/YAMLSeq.js"(exports) {
    "use strict";
    var createNode = require_createNode();
    var stringifyCollection = require_stringifyCollection();
    var Collection = require_Collection();
    var identity = require_identity();
    var Scalar = require_Scalar();
    var toJS = require_toJS();
    var YAMLSeq = class extends Collection.Collection {
      static get tagName() {
        return "tag:yaml.org,2002:seq";
      }
      constructor(schema) {
        super(identity.SEQ, schema);
        this.items = [];
      }
      add(value) {
        this.items.push(value);
      }
      /**
       * Removes a value from the collection.
       *
       * `key` must contain a representation of an integer for this to succeed.
       * It may be wrapped in a `Scalar`.
       *
       * @returns `true` if the item was found and removed.
       */
      delete(key) {
        const idx = asItemIndex(key);
        if (typeof idx !== "number")
          return false;
        const del = this.items.splice(idx, 1);
        return del.length > 0;
      }
      get(key, keepScalar) {
        const idx = asItemIndex(key);
        if (typeof idx !== "number")
          return void 0;
        const it = this.items[idx];
        return !keepScalar && identity.isScalar(it) ? it.value : it;
      }
      /**
       * Checks if the collection includes a value with the key `key`.
       *
       * `key` must contain a representation of an integer for this to succeed.
       * It may be wrapped in a `Scalar`.
       */
      has(key) {
        const idx = asItemIndex(key);
        return typeof idx === "number" && idx < this.items.length;
      }
      /**
       * Sets a value in this collection. For `!!set`, `value` needs to be a
       * boolean to add/remove the item from the set.
       *
       * If `key` does not contain a representation of an integer, this will throw.
       * It may be wrapped in a `Scalar`.
       */
      set(key, value) {
        const idx = asItemIndex(key);
        if (typeof idx !== "number")
          throw new Error(`Expected a valid index, not ${key}.`);
        const prev = this.items[idx];
        if (identity.isScalar(prev) && Scalar.isScalarValue(value))
          prev.value = value;
        else
          this.items[idx] = value;
      }
      toJSON(_, ctx) {
        const seq = [];
        if (ctx?.onCreate)
          ctx.onCreate(seq);
        let i = 0;
        for (const item of this.items)
          seq.push(toJS.toJS(item, String(i++), ctx));
        return seq;
      }
      toString(ctx, onComment, onChompKeep) {
        if (!ctx)
          return JSON.stringify(this);
        return stringifyCollection.stringifyCollection(this, ctx, {
          blockItemPrefix: "- ",
          flowChars: { start: "[", end: "]" },
          itemIndent: (ctx.indent || "") + "  ",
          onChompKeep,
          onComment
        });
      }
      static from(schema, obj, ctx) {
        const { replacer } = ctx;
        const seq = new this(schema);
        if (obj && Symbol.iterator in Object(obj)) {
          let i = 0;
          for (let it of obj) {
            if (typeof replacer === "function") {
              const key = obj instanceof Set ? it : String(i++);
              it = replacer.call(obj, key, it);
            }
            seq.items.push(createNode.createNode(it, void 0, ctx));
          }
        }
        return seq;
      }
    };
    function asItemIndex(key) {
      let idx = identity.isScalar(key) ? key.value : key;
      if (idx && typeof idx === "string")
        idx = Number(idx);
      return typeof idx === "number" && Number.isInteger(idx) && idx >= 0 ? idx : null;
    }
    exports.YAMLSeq = YAMLSeq;
  }
});

// node_modules/yaml/dist/schema/common/seq.js
var require_seq = __commonJS({
  "node_modules/yaml/dist/schema/common/seq.js"(exports) {
    "use strict";
    var identity = require_identity();
    var YAMLSeq = require_YAMLSeq();
    var seq = {
      collection: "seq",
      default: true,
      nodeClass: YAMLSeq.YAMLSeq,
      tag: "tag:yaml.org,2002:seq",
      resolve(seq2, onError) {
        if (!identity.isSeq(seq2))
          onError("Expected a sequence for this tag");
        return seq2;
      },
      createNode: (schema, obj, ctx) => YAMLSeq.YAMLSeq.from(schema, obj, ctx)
    };
    exports.seq = seq;
  }
});

// node_modules/yaml/dist/schema/common/string.js
var require_string = __commonJS({
  "node_modules/yaml/dist/schema/common/string.js"(exports) {
    "use strict";
    var stringifyString = require_stringifyString();
    var string = {
      identify: (value) => typeof value === "string",
      default: true,
      tag: "tag:yaml.org,2002:str",
      resolve: (str) => str,
      stringify(item, ctx, onComment, onChompKeep) {
        ctx = Object.assign({ actualString: true }, ctx);
        return stringifyString.stringifyString(item, ctx, onComment, onChompKeep);
      }
    };
    exports.string = string;
  }
});

// node_modules/yaml/dist/schema/common/null.js
var require_null = __commonJS({
  "node_modules/yaml/dist/schema/common/null.js"(exports) {
    "use strict";
    var Scalar = require_Scalar();
    var nullTag = {
      identify: (value) => value == null,
      createNode: () => new Scalar.Scalar(null),
      default: true,
      tag: "tag:yaml.org,2002:null",
      test: /^(?:~|[Nn]ull|NULL)?$/,
      resolve: () => new Scalar.Scalar(null),
      stringify: ({ source }, ctx) => typeof source === "string" && nullTag.test.test(source) ? source : ctx.options.nullStr
    };
    exports.nullTag = nullTag;
  }
});

// node_modules/yaml/dist/schema/core/bool.js
var require_bool = __commonJS({
  "node_modules/yaml/dist/schema/core/bool.js"(exports) {
    "use strict";
    var Scalar = require_Scalar();
    var boolTag = {
      identify: (value) => typeof value === "boolean",
      default: true,
      tag: "tag:yaml.org,2002:bool",
      test: /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/,
      resolve: (str) => new Scalar.Scalar(str[0] === "t" || str[0] === "T"),
      stringify({ source, value }, ctx) {
        if (source && boolTag.test.test(source)) {
          const sv = source[0] === "t" || source[0] === "T";
          if (value === sv)
            return source;
        }
        return value ? ctx.options.trueStr : ctx.options.falseStr;
      }
    };
    exports.boolTag = boolTag;
  }
});

// node_modules/yaml/dist/stringify/stringifyNumber.js
var require_stringifyNumber = __commonJS({
  "node_modules/yaml/dist/stringify/stringifyNumber.js"(exports) {
    "use strict";
    function stringifyNumber({ format, minFractionDigits, tag, value }) {
      if (typeof value === "bigint")
        return String(value);
      const num = typeof value === "number" ? value : Number(value);
      if (!isFinite(num))
        return isNaN(num) ? ".nan" : num < 0 ? "-.inf" : ".inf";
      let n = Object.is(value, -0) ? "-0" : JSON.stringify(value);
      if (!format && minFractionDigits && (!tag || tag === "tag:yaml.org,2002:float") && /^-?\d/.test(n) && !n.includes("e")) {
        let i = n.indexOf(".");
        if (i < 0) {
          i = n.length;
          n += ".";
        }
        let d = minFractionDigits - (n.length - i - 1);
        while (d-- > 0)
          n += "0";
      }
      return n;
    }
    exports.stringifyNumber = stringifyNumber;
  }
});

// node_modules/yaml/dist/schema/core/float.js
var require_float = __commonJS({
  "node_modules/yaml/dist/schema/core/float.js"(exports) {
    "use strict";
    var Scalar = require_Scalar();
    var stringifyNumber = require_stringifyNumber();
    var floatNaN = {
      identify: (value) => typeof value === "number",
      default: true,
      tag: "tag:yaml.org,2002:float",
      test: /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/,
      resolve: (str) => str.slice(-3).toLowerCase() === "nan" ? NaN : str[0] === "-" ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY,
      stringify: stringifyNumber.stringifyNumber
    };
    var floatExp = {
      identify: (value) => typeof value === "number",
      default: true,
      tag: "tag:yaml.org,2002:float",
      format: "EXP",
      test: /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/,
      resolve: (str) => parseFloat(str),
      stringify(node) {
        const num = Number(node.value);
        return isFinite(num) ? num.toExponential() : stringifyNumber.stringifyNumber(node);
      }
    };
    var float = {
      identify: (value) => typeof value === "number",
      default: true,
      tag: "tag:yaml.org,2002:float",
      test: /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/,
      resolve(str) {
        const node = new Scalar.Scalar(parseFloat(str));
        const dot = str.indexOf(".");
        if (dot !== -1 && str[str.length - 1] === "0")
          node.minFractionDigits = str.length - dot - 1;
        return node;
      },
      stringify: stringifyNumber.stringifyNumber
    };
    exports.float = float;
    exports.floatExp = floatExp;
    exports.floatNaN = floatNaN;
  }
});

// node_modules/yaml/dist/schema/core/int.js
var require_int = __commonJS({
  "node_modules/yaml/dist/schema/core/int.js"(exports) {
    "use strict";
    var stringifyNumber = require_stringifyNumber();
    var intIdentify = (value) => typeof value === "bigint" || Number.isInteger(value);
    var intResolve = (str, offset, radix, { intAsBigInt }) => intAsBigInt ? BigInt(str) : parseInt(str.substring(offset), radix);
    function intStringify(node, radix, prefix) {
      const { value } = node;
      if (intIdentify(value) && value >= 0)
        return prefix + value.toString(radix);
      return stringifyNumber.stringifyNumber(node);
    }
    var intOct = {
      identify: (value) => intIdentify(value) && value >= 0,
      default: true,
      tag: "tag:yaml.org,2002:int",
      format: "OCT",
      test: /^0o[0-7]+$/,
      resolve: (str, _onError, opt) => intResolve(str, 2, 8, opt),
      stringify: (node) => intStringify(node, 8, "0o")
    };
    var int = {
      identify: intIdentify,
      default: true,
      tag: "tag:yaml.org,2002:int",
      test: /^[-+]?[0-9]+$/,
      resolve: (str, _onError, opt) => intResolve(str, 0, 10, opt),
      stringify: stringifyNumber.stringifyNumber
    };
    var intHex = {
      identify: (value) => intIdentify(value) && value >= 0,
      default: true,
      tag: "tag:yaml.org,2002:int",
      format: "HEX",
      test: /^0x[0-9a-fA-F]+$/,
      resolve: (str, _onError, opt) => intResolve(str, 2, 16, opt),
      stringify: (node) => intStringify(node, 16, "0x")
    };
    exports.int = int;
    exports.intHex = intHex;
    exports.intOct = intOct;
  }
});

// node_modules/yaml/dist/schema/core/schema.js
var require_schema = __commonJS({
  "node_modules/yaml/dist/schema/core/schema.js"(exports) {
    "use strict";
    var map = require_map();
    var _null = require_null();
    var seq = require_seq();
    var string = require_string();
    var bool = require_bool();
    var float = require_float();
    var int = require_int();
    var schema = [
      map.map,
      seq.seq,
      string.string,
      _null.nullTag,
      bool.boolTag,
      int.intOct,
      int.int,
      int.intHex,
      float.floatNaN,
      float.floatExp,
      float.float
    ];
    exports.schema = schema;
  }
});

// node_modules/yaml/dist/schema/json/schema.js
var require_schema2 = __commonJS({
  "node_modules/yaml/dist/schema/json/schema.js"(exports) {
    "use strict";
    var Scalar = require_Scalar();
    var map = require_map();
    var seq = require_seq();
    function intIdentify(value) {
      return typeof value === "bigint" || Number.isInteger(value);
    }
    var stringifyJSON = ({ value }) => JSON.stringify(value);
    var jsonScalars = [
      {
        identify: (value) => typeof value === "string",
        default: true,
        tag: "tag:yaml.org,2002:str",
        resolve: (str) => str,
        stringify: stringifyJSON
      },
      {
        identify: (value) => value == null,
        createNode: () => new Scalar.Scalar(null),
        default: true,
        tag: "tag:yaml.org,2002:null",
        test: /^null$/,
        resolve: () => null,
        stringify: stringifyJSON
      },
      {
        identify: (value) => typeof value === "boolean",
        default: true,
        tag: "tag:yaml.org,2002:bool",
        test: /^true$|^false$/,
        resolve: (str) => str === "true",
        stringify: stringifyJSON
      },
      {
        identify: intIdentify,
        default: true,
        tag: "tag:yaml.org,2002:int",
        test: /^-?(?:0|[1-9][0-9]*)$/,
        resolve: (str, _onError, { intAsBigInt }) => intAsBigInt ? BigInt(str) : parseInt(str, 10),
        stringify: ({ value }) => intIdentify(value) ? value.toString() : JSON.stringify(value)
      },
      {
        identify: (value) => typeof value === "number",
        default: true,
        tag: "tag:yaml.org,2002:float",
        test: /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]*)?(?:[eE][-+]?[0-9]+)?$/,
        resolve: (str) => parseFloat(str),
        stringify: stringifyJSON
      }
    ];
    var jsonError = {
      default: true,
      tag: "",
      test: /^/,
      resolve(str, onError) {
        onError(`Unresolved plain scalar ${JSON.stringify(str)}`);
        return str;
      }
    };
    var schema = [map.map, seq.seq].concat(jsonScalars, jsonError);
    exports.schema = schema;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/binary.js
var require_binary = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/binary.js"(exports) {
    "use strict";
    var node_buffer = __require("buffer");
    var Scalar = require_Scalar();
    var stringifyString = require_stringifyString();
    var binary = {
      identify: (value) => value instanceof Uint8Array,
      // Buffer inherits from Uint8Array
      default: false,
      tag: "tag:yaml.org,2002:binary",
      /**
       * Returns a Buffer in node and an Uint8Array in browsers
       *
       * To use the resulting buffer as an image, you'll want to do something like:
       *
       *   const blob = new Blob([buffer], { type: 'image/jpeg' })
       *   document.querySelector('#photo').src = URL.createObjectURL(blob)
       */
      resolve(src, onError) {
        if (typeof node_buffer.Buffer === "function") {
          return node_buffer.Buffer.from(src, "base64");
        } else if (typeof atob === "function") {
          const str = atob(src.replace(/[\n\r]/g, ""));
          const buffer = new Uint8Array(str.length);
          for (let i = 0; i < str.length; ++i)
            buffer[i] = str.charCodeAt(i);
          return buffer;
        } else {
          onError("This environment does not support reading binary tags; either Buffer or atob is required");
          return src;
        }
      },
      stringify({ comment, type, value }, ctx, onComment, onChompKeep) {
        if (!value)
          return "";
        const buf = value;
        let str;
        if (typeof node_buffer.Buffer === "function") {
          str = buf instanceof node_buffer.Buffer ? buf.toString("base64") : node_buffer.Buffer.from(buf.buffer).toString("base64");
        } else if (typeof btoa === "function") {
          let s = "";
          for (let i = 0; i < buf.length; ++i)
            s += String.fromCharCode(buf[i]);
          str = btoa(s);
        } else {
          throw new Error("This environment does not support writing binary tags; either Buffer or btoa is required");
        }
        type ?? (type = Scalar.Scalar.BLOCK_LITERAL);
        if (type !== Scalar.Scalar.QUOTE_DOUBLE) {
          const lineWidth = Math.max(ctx.options.lineWidth - ctx.indent.length, ctx.options.minContentWidth);
          const n = Math.ceil(str.length / lineWidth);
          const lines = new Array(n);
          for (let i = 0, o = 0; i < n; ++i, o += lineWidth) {
            lines[i] = str.substr(o, lineWidth);
          }
          str = lines.join(type === Scalar.Scalar.BLOCK_LITERAL ? "\n" : " ");
        }
        return stringifyString.stringifyString({ comment, type, value: str }, ctx, onComment, onChompKeep);
      }
    };
    exports.binary = binary;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/pairs.js
var require_pairs = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/pairs.js"(exports) {
    "use strict";
    var identity = require_identity();
    var Pair = require_Pair();
    var Scalar = require_Scalar();
    var YAMLSeq = require_YAMLSeq();
    function resolvePairs(seq, onError) {
      if (identity.isSeq(seq)) {
        for (let i = 0; i < seq.items.length; ++i) {
          let item = seq.items[i];
          if (identity.isPair(item))
            continue;
          else if (identity.isMap(item)) {
            if (item.items.length > 1)
              onError("Each pair must have its own sequence indicator");
            const pair = item.items[0] || new Pair.Pair(new Scalar.Scalar(null));
            if (item.commentBefore)
              pair.key.commentBefore = pair.key.commentBefore ? `${item.commentBefore}
${pair.key.commentBefore}` : item.commentBefore;
            if (item.comment) {
              const cn = pair.value ?? pair.key;
              cn.comment = cn.comment ? `${item.comment}
${cn.comment}` : item.comment;
            }
            item = pair;
          }
          seq.items[i] = identity.isPair(item) ? item : new Pair.Pair(item);
        }
      } else
        onError("Expected a sequence for this tag");
      return seq;
    }
    function createPairs(schema, iterable, ctx) {
      const { replacer } = ctx;
      const pairs2 = new YAMLSeq.YAMLSeq(schema);
      pairs2.tag = "tag:yaml.org,2002:pairs";
      let i = 0;
      if (iterable && Symbol.iterator in Object(iterable))
        for (let it of iterable) {
          if (typeof replacer === "function")
            it = replacer.call(iterable, String(i++), it);
          let key, value;
          if (Array.isArray(it)) {
            if (it.length === 2) {
              key = it[0];
              value = it[1];
            } else
              throw new TypeError(`Expected [key, value] tuple: ${it}`);
          } else if (it && it instanceof Object) {
            const keys = Object.keys(it);
            if (keys.length === 1) {
              key = keys[0];
              value = it[key];
            } else {
              throw new TypeError(`Expected tuple with one key, not ${keys.length} keys`);
            }
          } else {
            key = it;
          }
          pairs2.items.push(Pair.createPair(key, value, ctx));
        }
      return pairs2;
    }
    var pairs = {
      collection: "seq",
      default: false,
      tag: "tag:yaml.org,2002:pairs",
      resolve: resolvePairs,
      createNode: createPairs
    };
    exports.createPairs = createPairs;
    exports.pairs = pairs;
    exports.resolvePairs = resolvePairs;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/omap.js
var require_omap = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/omap.js"(exports) {
    "use strict";
    var identity = require_identity();
    var toJS = require_toJS();
    var YAMLMap = require_YAMLMap();
    var YAMLSeq = require_YAMLSeq();
    var pairs = require_pairs();
    var YAMLOMap = class _YAMLOMap extends YAMLSeq.YAMLSeq {
      constructor() {
        super();
        this.add = YAMLMap.YAMLMap.prototype.add.bind(this);
        this.delete = YAMLMap.YAMLMap.prototype.delete.bind(this);
        this.get = YAMLMap.YAMLMap.prototype.get.bind(this);
        this.has = YAMLMap.YAMLMap.prototype.has.bind(this);
        this.set = YAMLMap.YAMLMap.prototype.set.bind(this);
        this.tag = _YAMLOMap.tag;
      }
      /**
       * If `ctx` is given, the return type is actually `Map<unknown, unknown>`,
       * but TypeScript won't allow widening the signature of a child method.
       */
      toJSON(_, ctx) {
        if (!ctx)
          return super.toJSON(_);
        const map = /* @__PURE__ */ new Map();
        if (ctx?.onCreate)
          ctx.onCreate(map);
        for (const pair of this.items) {
          let key, value;
          if (identity.isPair(pair)) {
            key = toJS.toJS(pair.key, "", ctx);
            value = toJS.toJS(pair.value, key, ctx);
          } else {
            key = toJS.toJS(pair, "", ctx);
          }
          if (map.has(key))
            throw new Error("Ordered maps must not include duplicate keys");
          map.set(key, value);
        }
        return map;
      }
      static from(schema, iterable, ctx) {
        const pairs$1 = pairs.createPairs(schema, iterable, ctx);
        const omap2 = new this();
        omap2.items = pairs$1.items;
        return omap2;
      }
    };
    YAMLOMap.tag = "tag:yaml.org,2002:omap";
    var omap = {
      collection: "seq",
      identify: (value) => value instanceof Map,
      nodeClass: YAMLOMap,
      default: false,
      tag: "tag:yaml.org,2002:omap",
      resolve(seq, onError) {
        const pairs$1 = pairs.resolvePairs(seq, onError);
        const seenKeys = [];
        for (const { key } of pairs$1.items) {
          if (identity.isScalar(key)) {
            if (seenKeys.includes(key.value)) {
              onError(`Ordered maps must not include duplicate keys: ${key.value}`);
            } else {
              seenKeys.push(key.value);
            }
          }
        }
        return Object.assign(new YAMLOMap(), pairs$1);
      },
      createNode: (schema, iterable, ctx) => YAMLOMap.from(schema, iterable, ctx)
    };
    exports.YAMLOMap = YAMLOMap;
    exports.omap = omap;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/bool.js
var require_bool2 = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/bool.js"(exports) {
    "use strict";
    var Scalar = require_Scalar();
    function boolStringify({ value, source }, ctx) {
      const boolObj = value ? trueTag : falseTag;
      if (source && boolObj.test.test(source))
        return source;
      return value ? ctx.options.trueStr : ctx.options.falseStr;
    }
    var trueTag = {
      identify: (value) => value === true,
      default: true,
      tag: "tag:yaml.org,2002:bool",
      test: /^(?:Y|y|[Yy]es|YES|[Tt]rue|TRUE|[Oo]n|ON)$/,
      resolve: () => new Scalar.Scalar(true),
      stringify: boolStringify
    };
    var falseTag = {
      identify: (value) => value === false,
      default: true,
      tag: "tag:yaml.org,2002:bool",
      test: /^(?:N|n|[Nn]o|NO|[Ff]alse|FALSE|[Oo]ff|OFF)$/,
      resolve: () => new Scalar.Scalar(false),
      stringify: boolStringify
    };
    exports.falseTag = falseTag;
    exports.trueTag = trueTag;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/float.js
var require_float2 = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/float.js"(exports) {
    "use strict";
    var Scalar = require_Scalar();
    var stringifyNumber = require_stringifyNumber();
    var floatNaN = {
      identify: (value) => typeof value === "number",
      default: true,
      tag: "tag:yaml.org,2002:float",
      test: /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/,
      resolve: (str) => str.slice(-3).toLowerCase() === "nan" ? NaN : str[0] === "-" ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY,
      stringify: stringifyNumber.stringifyNumber
    };
    var floatExp = {
      identify: (value) => typeof value === "number",
      default: true,
      tag: "tag:yaml.org,2002:float",
      format: "EXP",
      test: /^[-+]?(?:[0-9][0-9_]*)?(?:\.[0-9_]*)?[eE][-+]?[0-9]+$/,
      resolve: (str) => parseFloat(str.replace(/_/g, "")),
      stringify(node) {
        const num = Number(node.value);
        return isFinite(num) ? num.toExponential() : stringifyNumber.stringifyNumber(node);
      }
    };
    var float = {
      identify: (value) => typeof value === "number",
      default: true,
      tag: "tag:yaml.org,2002:float",
      test: /^[-+]?(?:[0-9][0-9_]*)?\.[0-9_]*$/,
      resolve(str) {
        const node = new Scalar.Scalar(parseFloat(str.replace(/_/g, "")));
        const dot = str.indexOf(".");
        if (dot !== -1) {
          const f = str.substring(dot + 1).replace(/_/g, "");
          if (f[f.length - 1] === "0")
            node.minFractionDigits = f.length;
        }
        return node;
      },
      stringify: stringifyNumber.stringifyNumber
    };
    exports.float = float;
    exports.floatExp = floatExp;
    exports.floatNaN = floatNaN;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/int.js
var require_int2 = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/int.js"(exports) {
    "use strict";
    var stringifyNumber = require_stringifyNumber();
    var intIdentify = (value) => typeof value === "bigint" || Number.isInteger(value);
    function intResolve(str, offset, radix, { intAsBigInt }) {
      const sign = str[0];
      if (sign === "-" || sign === "+")
        offset += 1;
      str = str.substring(offset).replace(/_/g, "");
      if (intAsBigInt) {
        switch (radix) {
          case 2:
            str = `0b${str}`;
            break;
          case 8:
            str = `0o${str}`;
            break;
          case 16:
            str = `0x${str}`;
            break;
        }
        const n2 = BigInt(str);
        return sign === "-" ? BigInt(-1) * n2 : n2;
      }
      const n = parseInt(str, radix);
      return sign === "-" ? -1 * n : n;
    }
    function intStringify(node, radix, prefix) {
      const { value } = node;
      if (intIdentify(value)) {
        const str = value.toString(radix);
        return value < 0 ? "-" + prefix + str.substr(1) : prefix + str;
      }
      return stringifyNumber.stringifyNumber(node);
    }
    var intBin = {
      identify: intIdentify,
      default: true,
      tag: "tag:yaml.org,2002:int",
      format: "BIN",
      test: /^[-+]?0b[0-1_]+$/,
      resolve: (str, _onError, opt) => intResolve(str, 2, 2, opt),
      stringify: (node) => intStringify(node, 2, "0b")
    };
    var intOct = {
      identify: intIdentify,
      default: true,
      tag: "tag:yaml.org,2002:int",
      format: "OCT",
      test: /^[-+]?0[0-7_]+$/,
      resolve: (str, _onError, opt) => intResolve(str, 1, 8, opt),
      stringify: (node) => intStringify(node, 8, "0")
    };
    var int = {
      identify: intIdentify,
      default: true,
      tag: "tag:yaml.org,2002:int",
      test: /^[-+]?[0-9][0-9_]*$/,
      resolve: (str, _onError, opt) => intResolve(str, 0, 10, opt),
      stringify: stringifyNumber.stringifyNumber
    };
    var intHex = {
      identify: intIdentify,
      default: true,
      tag: "tag:yaml.org,2002:int",
      format: "HEX",
      test: /^[-+]?0x[0-9a-fA-F_]+$/,
      resolve: (str, _onError, opt) => intResolve(str, 2, 16, opt),
      stringify: (node) => intStringify(node, 16, "0x")
    };
    exports.int = int;
    exports.intBin = intBin;
    exports.intHex = intHex;
    exports.intOct = intOct;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/set.js
var require_set = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/set.js"(exports) {
    "use strict";
    var identity = require_identity();
    var Pair = require_Pair();
    var YAMLMap = require_YAMLMap();
    var YAMLSet = class _YAMLSet extends YAMLMap.YAMLMap {
      constructor(schema) {
        super(schema);
        this.tag = _YAMLSet.tag;
      }
      add(key) {
        let pair;
        if (identity.isPair(key))
          pair = key;
        else if (key && typeof key === "object" && "key" in key && "value" in key && key.value === null)
          pair = new Pair.Pair(key.key, null);
        else
          pair = new Pair.Pair(key, null);
        const prev = YAMLMap.findPair(this.items, pair.key);
        if (!prev)
          this.items.push(pair);
      }
      /**
       * If `keepPair` is `true`, returns the Pair matching `key`.
       * Otherwise, returns the value of that Pair's key.
       */
      get(key, keepPair) {
        const pair = YAMLMap.findPair(this.items, key);
        return !keepPair && identity.isPair(pair) ? identity.isScalar(pair.key) ? pair.key.value : pair.key : pair;
      }
      set(key, value) {
        if (typeof value !== "boolean")
          throw new Error(`Expected boolean value for set(key, value) in a YAML set, not ${typeof value}`);
        const prev = YAMLMap.findPair(this.items, key);
        if (prev && !value) {
          this.items.splice(this.items.indexOf(prev), 1);
        } else if (!prev && value) {
          this.items.push(new Pair.Pair(key));
        }
      }
      toJSON(_, ctx) {
        return super.toJSON(_, ctx, Set);
      }
      toString(ctx, onComment, onChompKeep) {
        if (!ctx)
          return JSON.stringify(this);
        if (this.hasAllNullValues(true))
          return super.toString(Object.assign({}, ctx, { allNullValues: true }), onComment, onChompKeep);
        else
          throw new Error("Set items must all have null values");
      }
      static from(schema, iterable, ctx) {
        const { replacer } = ctx;
        const set2 = new this(schema);
        if (iterable && Symbol.iterator in Object(iterable))
          for (let value of iterable) {
            if (typeof replacer === "function")
              value = replacer.call(iterable, value, value);
            set2.items.push(Pair.createPair(value, null, ctx));
          }
        return set2;
      }
    };
    YAMLSet.tag = "tag:yaml.org,2002:set";
    var set = {
      collection: "map",
      identify: (value) => value instanceof Set,
      nodeClass: YAMLSet,
      default: false,
      tag: "tag:yaml.org,2002:set",
      createNode: (schema, iterable, ctx) => YAMLSet.from(schema, iterable, ctx),
      resolve(map, onError) {
        if (identity.isMap(map)) {
          if (map.hasAllNullValues(true))
            return Object.assign(new YAMLSet(), map);
          else
            onError("Set items must all have null values");
        } else
          onError("Expected a mapping for this tag");
        return map;
      }
    };
    exports.YAMLSet = YAMLSet;
    exports.set = set;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/timestamp.js
var require_timestamp = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/timestamp.js"(exports) {
    "use strict";
    var stringifyNumber = require_stringifyNumber();
    function parseSexagesimal(str, asBigInt) {
      const sign = str[0];
      const parts = sign === "-" || sign === "+" ? str.substring(1) : str;
      const num = (n) => asBigInt ? BigInt(n) : Number(n);
      const res = parts.replace(/_/g, "").split(":").reduce((res2, p) => res2 * num(60) + num(p), num(0));
      return sign === "-" ? num(-1) * res : res;
    }
    function stringifySexagesimal(node) {
      let { value } = node;
      let num = (n) => n;
      if (typeof value === "bigint")
        num = (n) => BigInt(n);
      else if (isNaN(value) || !isFinite(value))
        return stringifyNumber.stringifyNumber(node);
      let sign = "";
      if (value < 0) {
        sign = "-";
        value *= num(-1);
      }
      const _60 = num(60);
      const parts = [value % _60];
      if (value < 60) {
        parts.unshift(0);
      } else {
        value = (value - parts[0]) / _60;
        parts.unshift(value % _60);
        if (value >= 60) {
          value = (value - parts[0]) / _60;
          parts.unshift(value);
        }
      }
      return sign + parts.map((n) => String(n).padStart(2, "0")).join(":").replace(/000000\d*$/, "");
    }
    var intTime = {
      identify: (value) => typeof value === "bigint" || Number.isInteger(value),
      default: true,
      tag: "tag:yaml.org,2002:int",
      format: "TIME",
      test: /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+$/,
      resolve: (str, _onError, { intAsBigInt }) => parseSexagesimal(str, intAsBigInt),
      stringify: stringifySexagesimal
    };
    var floatTime = {
      identify: (value) => typeof value === "number",
      default: true,
      tag: "tag:yaml.org,2002:float",
      format: "TIME",
      test: /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*$/,
      resolve: (str) => parseSexagesimal(str, false),
      stringify: stringifySexagesimal
    };
    var timestamp = {
      identify: (value) => value instanceof Date,
      default: true,
      tag: "tag:yaml.org,2002:timestamp",
      // If the time zone is omitted, the timestamp is assumed to be specified in UTC. The time part
      // may be omitted altogether, resulting in a date format. In such a case, the time part is
      // assumed to be 00:00:00Z (start of day, UTC).
      test: RegExp("^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})(?:(?:t|T|[ \\t]+)([0-9]{1,2}):([0-9]{1,2}):([0-9]{1,2}(\\.[0-9]+)?)(?:[ \\t]*(Z|[-+][012]?[0-9](?::[0-9]{2})?))?)?$"),
      resolve(str) {
        const match = str.match(timestamp.test);
        if (!match)
          throw new Error("!!timestamp expects a date, starting with yyyy-mm-dd");
        const [, year, month, day, hour, minute, second] = match.map(Number);
        const millisec = match[7] ? Number((match[7] + "00").substr(1, 3)) : 0;
        let date = Date.UTC(year, month - 1, day, hour || 0, minute || 0, second || 0, millisec);
        const tz = match[8];
        if (tz && tz !== "Z") {
          let d = parseSexagesimal(tz, false);
          if (Math.abs(d) < 30)
            d *= 60;
          date -= 6e4 * d;
        }
        return new Date(date);
      },
      stringify: ({ value }) => value?.toISOString().replace(/(T00:00:00)?\.000Z$/, "") ?? ""
    };
    exports.floatTime = floatTime;
    exports.intTime = intTime;
    exports.timestamp = timestamp;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/schema.js
var require_schema3 = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/schema.js"(exports) {
    "use strict";
    var map = require_map();
    var _null = require_null();
    var seq = require_seq();
    var string = require_string();
    var binary = require_binary();
    var bool = require_bool2();
    var float = require_float2();
    var int = require_int2();
    var merge = require_merge();
    var omap = require_omap();
    var pairs = require_pairs();
    var set = require_set();
    var timestamp = require_timestamp();
    var schema = [
      map.map,
      seq.seq,
      string.string,
      _null.nullTag,
      bool.trueTag,
      bool.falseTag,
      int.intBin,
      int.intOct,
      int.int,
      int.intHex,
      float.floatNaN,
      float.floatExp,
      float.float,
      binary.binary,
      merge.merge,
      omap.omap,
      pairs.pairs,
      set.set,
      timestamp.intTime,
      timestamp.floatTime,
      timestamp.timestamp
    ];
    exports.schema = schema;
  }
});

// node_modules/yaml/dist/schema/tags.js
var require_tags = __commonJS({
  "node_modules/yaml/dist/schema/tags.js"(exports) {
    "use strict";
    var map = require_map();
    var _null = require_null();
    var seq = require_seq();
    var string = require_string();
    var bool = require_bool();
    var float = require_float();
    var int = require_int();
    var schema = require_schema();
    var schema$1 = require_schema2();
    var binary = require_binary();
    var merge = require_merge();
    var omap = require_omap();
    var pairs = require_pairs();
    var schema$2 = require_schema3();
    var set = require_set();
    var timestamp = require_timestamp();
    var schemas = /* @__PURE__ */ new Map([
      ["core", schema.schema],
      ["failsafe", [map.map, seq.seq, string.string]],
      ["json", schema$1.schema],
      ["yaml11", schema$2.schema],
      ["yaml-1.1", schema$2.schema]
    ]);
    var tagsByName = {
      binary: binary.binary,
      bool: bool.boolTag,
      float: float.float,
      floatExp: float.floatExp,
      floatNaN: float.floatNaN,
      floatTime: timestamp.floatTime,
      int: int.int,
      intHex: int.intHex,
      intOct: int.intOct,
      intTime: timestamp.intTime,
      map: map.map,
      merge: merge.merge,
      null: _null.nullTag,
      omap: omap.omap,
      pairs: pairs.pairs,
      seq: seq.seq,
      set: set.set,
      timestamp: timestamp.timestamp
    };
    var coreKnownTags = {
      "tag:yaml.org,2002:binary": binary.binary,
      "tag:yaml.org,2002:merge": merge.merge,
      "tag:yaml.org,2002:omap": omap.omap,
      "tag:yaml.org,2002:pairs": pairs.pairs,
      "tag:yaml.org,2002:set": set.set,
      "tag:yaml.org,2002:timestamp": timestamp.timestamp
    };
    function getTags(customTags, schemaName, addMergeTag) {
      const schemaTags = schemas.get(schemaName);
      if (schemaTags && !customTags) {
        return addMergeTag && !schemaTags.includes(merge.merge) ? schemaTags.concat(merge.merge) : schemaTags.slice();
      }
      let tags = schemaTags;
      if (!tags) {
        if (Array.isArray(customTags))
          tags = [];
        else {
          const keys = Array.from(schemas.keys()).filter((key) => key !== "yaml11").map((key) => JSON.stringify(key)).join(", ");
          throw new Error(`Unknown schema "${schemaName}"; use one of ${keys} or define customTags array`);
        }
      }
      if (Array.isArray(customTags)) {
        for (const tag of customTags)
          tags = tags.concat(tag);
      } else if (typeof customTags === "function") {
        tags = customTags(tags.slice());
      }
      if (addMergeTag)
        tags = tags.concat(merge.merge);
      return tags.reduce((tags2, tag) => {
        const tagObj = typeof tag === "string" ? tagsByName[tag] : tag;
        if (!tagObj) {
          const tagName = JSON.stringify(tag);
          const keys = Object.keys(tagsByName).map((key) => JSON.stringify(key)).join(", ");
          throw new Error(`Unknown custom tag ${tagName}; use one of ${keys}`);
        }
        if (!tags2.includes(tagObj))
          tags2.push(tagObj);
        return tags2;
      }, []);
    }
    exports.coreKnownTags = coreKnownTags;
    exports.getTags = getTags;
  }
});

// node_modules/yaml/dist/schema/Schema.js
var require_Schema = __commonJS({
  "node_modules/yaml/dist/schema/Schema.js"(exports) {
    "use strict";
    var identity = require_identity();
    var map = require_map();
    var seq = require_seq();
    var string = require_string();
    var tags = require_tags();
    var sortMapEntriesByKey = (a, b) => a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
    var Schema = class _Schema {
      constructor({ compat, customTags, merge, resolveKnownTags, schema, sortMapEntries, toStringDefaults }) {
        this.compat = Array.isArray(compat) ? tags.getTags(compat, "compat") : compat ? tags.getTags(null, compat) : null;
        this.name = typeof schema === "string" && schema || "core";
        this.knownTags = resolveKnownTags ? tags.coreKnownTags : {};
        this.tags = tags.getTags(customTags, this.name, merge);
        this.toStringOptions = toStringDefaults ?? null;
        Object.defineProperty(this, identity.MAP, { value: map.map });
        Object.defineProperty(this, identity.SCALAR, { value: string.string });
        Object.defineProperty(this, identity.SEQ, { value: seq.seq });
        this.sortMapEntries = typeof sortMapEntries === "function" ? sortMapEntries : sortMapEntries === true ? sortMapEntriesByKey : null;
      }
      clone() {
        const copy = Object.create(_Schema.prototype, Object.getOwnPropertyDescriptors(this));
        copy.tags = this.tags.slice();
        return copy;
      }
    };
    exports.Schema = Schema;
  }
});

// node_modules/yaml/dist/stringify/stringifyDocument.js
var require_stringifyDocument = __commonJS({
  "node_modules/yaml/dist/stringify/stringifyDocument.js"(exports) {
    "use strict";
    var identity = require_identity();
    var stringify = require_stringify();
    var stringifyComment = require_stringifyComment();
    function stringifyDocument(doc, options) {
      const lines = [];
      let hasDirectives = options.directives === true;
      if (options.directives !== false && doc.directives) {
        const dir = doc.directives.toString(doc);
        if (dir) {
          lines.push(dir);
          hasDirectives = true;
        } else if (doc.directives.docStart)
          hasDirectives = true;
      }
      if (hasDirectives)
        lines.push("---");
      const ctx = stringify.createStringifyContext(doc, options);
      const { commentString } = ctx.options;
      if (doc.commentBefore) {
        if (lines.length !== 1)
          lines.unshift("");
        const cs = commentString(doc.commentBefore);
        lines.unshift(stringifyComment.indentComment(cs, ""));
      }
      let chompKeep = false;
      let contentComment = null;
      if (doc.contents) {
        if (identity.isNode(doc.contents)) {
          if (doc.contents.spaceBefore && hasDirectives)
            lines.push("");
          if (doc.contents.commentBefore) {
            const cs = commentString(doc.contents.commentBefore);
            lines.push(stringifyComment.indentComment(cs, ""));
          }
          ctx.forceBlockIndent = !!doc.comment;
          contentComment = doc.contents.comment;
        }
        const onChompKeep = contentComment ? void 0 : () => chompKeep = true;
        let body = stringify.stringify(doc.contents, ctx, () => contentComment = null, onChompKeep);
        if (contentComment)
          body += stringifyComment.lineComment(body, "", commentString(contentComment));
        if ((body[0] === "|" || body[0] === ">") && lines[lines.length - 1] === "---") {
          lines[lines.length - 1] = `--- ${body}`;
        } else
          lines.push(body);
      } else {
        lines.push(stringify.stringify(doc.contents, ctx));
      }
      if (doc.directives?.docEnd) {
        if (doc.comment) {
          const cs = commentString(doc.comment);
          if (cs.includes("\n")) {
            lines.push("...");
            lines.push(stringifyComment.indentComment(cs, ""));
          } else {
            lines.push(`... ${cs}`);
          }
        } else {
          lines.push("...");
        }
      } else {
        let dc = doc.comment;
        if (dc && chompKeep)
          dc = dc.replace(/^\n+/, "");
        if (dc) {
          if ((!chompKeep || contentComment) && lines[lines.length - 1] !== "")
            lines.push("");
          lines.push(stringifyComment.indentComment(commentString(dc), ""));
        }
      }
      return lines.join("\n") + "\n";
    }
    exports.stringifyDocument = stringifyDocument;
  }
});

// node_modules/yaml/dist/doc/Document.js
var require_Document = __commonJS({
  "node_modules/yaml/dist/doc/Document.js"(exports) {
    "use strict";
    var Alias = require_Alias();
    var Collection = require_Collection();
    var identity = require_identity();
    var Pair = require_Pair();
    var toJS = require_toJS();
    var Schema = require_Schema();
    var stringifyDocument = require_stringifyDocument();
    var anchors = require_anchors();
    var applyReviver = require_applyReviver();
    var createNode = require_createNode();
    var directives = require_directives();
    var Document = class _Document {
      constructor(value, replacer, options) {
        this.commentBefore = null;
        this.comment = null;
        this.errors = [];
        this.warnings = [];
        Object.defineProperty(this, identity.NODE_TYPE, { value: identity.DOC });
        let _replacer = null;
        if (typeof replacer === "function" || Array.isArray(replacer)) {
          _replacer = replacer;
        } else if (options === void 0 && replacer) {
          options = replacer;
          replacer = void 0;
        }
        const opt = Object.assign({
          intAsBigInt: false,
          keepSourceTokens: false,
          logLevel: "warn",
          prettyErrors: true,
          strict: true,
          stringKeys: false,
          uniqueKeys: true,
          version: "1.2"
        }, options);
        this.options = opt;
        let { version } = opt;
        if (options?._directives) {
          this.directives = options._directives.atDocument();
          if (this.directives.yaml.explicit)
            version = this.directives.yaml.version;
        } else
          this.directives = new directives.Directives({ version });
        this.setSchema(version, options);
        this.contents = value === void 0 ? null : this.createNode(value, _replacer, options);
      }
      /**
       * Create a deep copy of this Document and its contents.
       *
       * Custom Node values that inherit from `Object` still refer to their original instances.
       */
      clone() {
        const copy = Object.create(_Document.prototype, {
          [identity.NODE_TYPE]: { value: identity.DOC }
        });
        copy.commentBefore = this.commentBefore;
        copy.comment = this.comment;
        copy.errors = this.errors.slice();
        copy.warnings = this.warnings.slice();
        copy.options = Object.assign({}, this.options);
        if (this.directives)
          copy.directives = this.directives.clone();
        copy.schema = this.schema.clone();
        copy.contents = identity.isNode(this.contents) ? this.contents.clone(copy.schema) : this.contents;
        if (this.range)
          copy.range = this.range.slice();
        return copy;
      }
      /** Adds a value to the document. */
      add(value) {
        if (assertCollection(this.contents))
          this.contents.add(value);
      }
      /** Adds a value to the document. */
      addIn(path5, value) {
        if (assertCollection(this.contents))
          this.contents.addIn(path5, value);
      }
      /**
       * Create a new `Alias` node, ensuring that the target `node` has the required anchor.
       *
       * If `node` already has an anchor, `name` is ignored.
       * Otherwise, the `node.anchor` value will be set to `name`,
       * or if an anchor with that name is already present in the document,
       * `name` will be used as a prefix for a new unique anchor.
       * If `name` is undefined, the generated anchor will use 'a' as a prefix.
       */
      createAlias(node, name) {
        if (!node.anchor) {
          const prev = anchors.anchorNames(this);
          node.anchor = // eslint-disable-next-line @typescript-eslint/prefer-nullish-coalescing
          !name || prev.has(name) ? anchors.findNewAnchor(name || "a", prev) : name;
        }
        return new Alias.Alias(node.anchor);
      }
      createNode(value, replacer, options) {
        let _replacer = void 0;
        if (typeof replacer === "function") {
          value = replacer.call({ "": value }, "", value);
          _replacer = replacer;
        } else if (Array.isArray(replacer)) {
          const keyToStr = (v) => typeof v === "number" || v instanceof String || v instanceof Number;
          const asStr = replacer.filter(keyToStr).map(String);
          if (asStr.length > 0)
            replacer = replacer.concat(asStr);
          _replacer = replacer;
        } else if (options === void 0 && replacer) {
          options = replacer;
          replacer = void 0;
        }
        const { aliasDuplicateObjects, anchorPrefix, flow, keepUndefined, onTagObj, tag } = options ?? {};
        const { onAnchor, setAnchors, sourceObjects } = anchors.createNodeAnchors(
          this,
          // eslint-disable-next-line @typescript-eslint/prefer-nullish-coalescing
          anchorPrefix || "a"
        );
        const ctx = {
          aliasDuplicateObjects: aliasDuplicateObjects ?? true,
          keepUndefined: keepUndefined ?? false,
          onAnchor,
          onTagObj,
          replacer: _replacer,
          schema: this.schema,
          sourceObjects
        };
        const node = createNode.createNode(value, tag, ctx);
        if (flow && identity.isCollection(node))
          node.flow = true;
        setAnchors();
        return node;
      }
      /**
       * Convert a key and a value into a `Pair` using the current schema,
       * recursively wrapping all values as `Scalar` or `Collection` nodes.
       */
      createPair(key, value, options = {}) {
        const k = this.createNode(key, null, options);
        const v = this.createNode(value, null, options);
        return new Pair.Pair(k, v);
      }
      /**
       * Removes a value from the document.
       * @returns `true` if the item was found and removed.
       */
      delete(key) {
        return assertCollection(this.contents) ? this.contents.delete(key) : false;
      }
      /**
       * Removes a value from the document.
       * @returns `true` if the item was found and removed.
       */
      deleteIn(path5) {
        if (Collection.isEmptyPath(path5)) {
          if (this.contents == null)
            return false;
          this.contents = null;
          return true;
        }
        return assertCollection(this.contents) ? this.contents.deleteIn(path5) : false;
      }
      /**
       * Returns item at `key`, or `undefined` if not found. By default unwraps
       * scalar values from their surrounding node; to disable set `keepScalar` to
       * `true` (collections are always returned intact).
       */
      get(key, keepScalar) {
        return identity.isCollection(this.contents) ? this.contents.get(key, keepScalar) : void 0;
      }
      /**
       * Returns item at `path`, or `undefined` if not found. By default unwraps
       * scalar values from their surrounding node; to disable set `keepScalar` to
       * `true` (collections are always returned intact).
       */
      getIn(path5, keepScalar) {
        if (Collection.isEmptyPath(path5))
          return !keepScalar && identity.isScalar(this.contents) ? this.contents.value : this.contents;
        return identity.isCollection(this.contents) ? this.contents.getIn(path5, keepScalar) : void 0;
      }
      /**
       * Checks if the document includes a value with the key `key`.
       */
      has(key) {
        return identity.isCollection(this.contents) ? this.contents.has(key) : false;
      }
      /**
       * Checks if the document includes a value at `path`.
       */
      hasIn(path5) {
        if (Collection.isEmptyPath(path5))
          return this.contents !== void 0;
        return identity.isCollection(this.contents) ? this.contents.hasIn(path5) : false;
      }
      /**
       * Sets a value in this document. For `!!set`, `value` needs to be a
       * boolean to add/remove the item from the set.
       */
      set(key, value) {
        if (this.contents == null) {
          this.contents = Collection.collectionFromPath(this.schema, [key], value);
        } else if (assertCollection(this.contents)) {
          this.contents.set(key, value);
        }
      }
      /**
       * Sets a value in this document. For `!!set`, `value` needs to be a
       * boolean to add/remove the item from the set.
       */
      setIn(path5, value) {
        if (Collection.isEmptyPath(path5)) {
          this.contents = value;
        } else if (this.contents == null) {
          this.contents = Collection.collectionFromPath(this.schema, Array.from(path5), value);
        } else if (assertCollection(this.contents)) {
          this.contents.setIn(path5, value);
        }
      }
      /**
       * Change the YAML version and schema used by the document.
       * A `null` version disables support for directives, explicit tags, anchors, and aliases.
       * It also requires the `schema` option to be given as a `Schema` instance value.
       *
       * Overrides all previously set schema options.
       */
      setSchema(version, options = {}) {
        if (typeof version === "number")
          version = String(version);
        let opt;
        switch (version) {
          case "1.1":
            if (this.directives)
              this.directives.yaml.version = "1.1";
            else
              this.directives = new directives.Directives({ version: "1.1" });
            opt = { resolveKnownTags: false, schema: "yaml-1.1" };
            break;
          case "1.2":
          case "next":
            if (this.directives)
              this.directives.yaml.version = version;
            else
              this.directives = new directives.Directives({ version });
            opt = { resolveKnownTags: true, schema: "core" };
            break;
          case null:
            if (this.directives)
              delete this.directives;
            opt = null;
            break;
          default: {
            const sv = JSON.stringify(version);
            throw new Error(`Expected '1.1', '1.2' or null as first argument, but found: ${sv}`);
          }
        }
        if (options.schema instanceof Object)
          this.schema = options.schema;
        else if (opt)
          this.schema = new Schema.Schema(Object.assign(opt, options));
        else
          throw new Error(`With a null YAML version, the { schema: Schema } option is required`);
      }
      // json & jsonArg are only used from toJSON()
      toJS({ json, jsonArg, mapAsMap, maxAliasCount, onAnchor, reviver } = {}) {
        const ctx = {
          anchors: /* @__PURE__ */ new Map(),
          doc: this,
          keep: !json,
          mapAsMap: mapAsMap === true,
          mapKeyWarned: false,
          maxAliasCount: typeof maxAliasCount === "number" ? maxAliasCount : 100
        };
        const res = toJS.toJS(this.contents, jsonArg ?? "", ctx);
        if (typeof onAnchor === "function")
          for (const { count, res: res2 } of ctx.anchors.values())
            onAnchor(res2, count);
        return typeof reviver === "function" ? applyReviver.applyReviver(reviver, { "": res }, "", res) : res;
      }
      /**
       * A JSON representation of the document `contents`.
       *
       * @param jsonArg Used by `JSON.stringify` to indicate the array index or
       *   property name.
       */
      toJSON(jsonArg, onAnchor) {
        return this.toJS({ json: true, jsonArg, mapAsMap: false, onAnchor });
      }
      /** A YAML representation of the document. */
      toString(options = {}) {
        if (this.errors.length > 0)
          throw new Error("Document with errors cannot be stringified");
        if ("indent" in options && (!Number.isInteger(options.indent) || Number(options.indent) <= 0)) {
          const s = JSON.stringify(options.indent);
          throw new Error(`"indent" option must be a positive integer, not ${s}`);
        }
        return stringifyDocument.stringifyDocument(this, options);
      }
    };
    function assertCollection(contents) {
      if (identity.isCollection(contents))
        return true;
      throw new Error("Expected a YAML collection as document contents");
    }
    exports.Document = Document;
  }
});

// node_modules/yaml/dist/errors.js
var require_errors5 = __commonJS({
  "node_modules/yaml/dist/errors.js"(exports) {
    "use strict";
    var YAMLError = class extends Error {
      constructor(name, pos, code, message) {
        super();
        this.name = name;
        this.code = code;
        this.message = message;
        this.pos = pos;
      }
    };
    var YAMLParseError = class extends YAMLError {
      constructor(pos, code, message) {
        super("YAMLParseError", pos, code, message);
      }
    };
    var YAMLWarning = class extends YAMLError {
      constructor(pos, code, message) {
        super("YAMLWarning", pos, code, message);
      }
    };
    var prettifyError = (src, lc) => (error) => {
      if (error.pos[0] === -1)
        return;
      error.linePos = error.pos.map((pos) => lc.linePos(pos));
      const { line, col } = error.linePos[0];
      error.message += ` at line ${line}, column ${col}`;
      let ci = col - 1;
      let lineStr = src.substring(lc.lineStarts[line - 1], lc.lineStarts[line]).replace(/[\n\r]+$/, "");
      if (ci >= 60 && lineStr.length > 80) {
        const trimStart = Math.min(ci - 39, lineStr.length - 79);
        lineStr = "\u2026" + lineStr.substring(trimStart);
        ci -= trimStart - 1;
      }
      if (lineStr.length > 80)
        lineStr = lineStr.substring(0, 79) + "\u2026";
      if (line > 1 && /^ *$/.test(lineStr.substring(0, ci))) {
        let prev = src.substring(lc.lineStarts[line - 2], lc.lineStarts[line - 1]);
        if (prev.length > 80)
          prev = prev.substring(0, 79) + "\u2026\n";
        lineStr = prev + lineStr;
      }
      if (/[^ ]/.test(lineStr)) {
        let count = 1;
        const end = error.linePos[1];
        if (end?.line === line && end.col > col) {
          count = Math.max(1, Math.min(end.col - col, 80 - ci));
        }
        const pointer = " ".repeat(ci) + "^".repeat(count);
        error.message += `:

${lineStr}
${pointer}
`;
      }
    };
    exports.YAMLError = YAMLError;
    exports.YAMLParseError = YAMLParseError;
    exports.YAMLWarning = YAMLWarning;
    exports.prettifyError = prettifyError;
  }
});

// node_modules/yaml/dist/compose/resolve-props.js
var require_resolve_props = __commonJS({
  "node_modules/yaml/dist/compose/resolve-props.js"(exports) {
    "use strict";
    function resolveProps(tokens, { flow, indicator, next, offset, onError, parentIndent, startOnNewline }) {
      let spaceBefore = false;
      let atNewline = startOnNewline;
      let hasSpace = startOnNewline;
      let comment = "";
      let commentSep = "";
      let hasNewline = false;
      let reqSpace = false;
      let tab = null;
      let anchor = null;
      let tag = null;
      let newlineAfterProp = null;
      let comma = null;
      let found = null;
      let start = null;
      for (const token of tokens) {
        if (reqSpace) {
          if (token.type !== "space" && token.type !== "newline" && token.type !== "comma")
            onError(token.offset, "MISSING_CHAR", "Tags and anchors must be separated from the next token by white space");
          reqSpace = false;
        }
        if (tab) {
          if (atNewline && token.type !== "comment" && token.type !== "newline") {
            onError(tab, "TAB_AS_INDENT", "Tabs are not allowed as indentation");
          }
          tab = null;
        }
        switch (token.type) {
          case "space":
            if (!flow && (indicator !== "doc-start" || next?.type !== "flow-collection") && token.source.includes("	")) {
              tab = token;
            }
            hasSpace = true;
            break;
          case "comment": {
            if (!hasSpace)
              onError(token, "MISSING_CHAR", "Comments must be separated from other tokens by white space characters");
            const cb = token.source.substring(1) || " ";
            if (!comment)
              comment = cb;
            else
              comment += commentSep + cb;
            commentSep = "";
            atNewline = false;
            break;
          }
          case "newline":
            if (atNewline) {
              if (comment)
                comment += token.source;
              else if (!found || indicator !== "seq-item-ind")
                spaceBefore = true;
            } else
              commentSep += token.source;
            atNewline = true;
            hasNewline = true;
            if (anchor || tag)
              newlineAfterProp = token;
            hasSpace = true;
            break;
          case "anchor":
            if (anchor)
              onError(token, "MULTIPLE_ANCHORS", "A node can have at most one anchor");
            if (token.source.endsWith(":"))
              onError(token.offset + token.source.length - 1, "BAD_ALIAS", "Anchor ending in : is ambiguous", true);
            anchor = token;
            start ?? (start = token.offset);
            atNewline = false;
            hasSpace = false;
            reqSpace = true;
            break;
          case "tag": {
            if (tag)
              onError(token, "MULTIPLE_TAGS", "A node can have at most one tag");
            tag = token;
            start ?? (start = token.offset);
            atNewline = false;
            hasSpace = false;
            reqSpace = true;
            break;
          }
          case indicator:
            if (anchor || tag)
              onError(token, "BAD_PROP_ORDER", `Anchors and tags must be after the ${token.source} indicator`);
            if (found)
              onError(token, "UNEXPECTED_TOKEN", `Unexpected ${token.source} in ${flow ?? "collection"}`);
            found = token;
            atNewline = indicator === "seq-item-ind" || indicator === "explicit-key-ind";
            hasSpace = false;
            break;
          case "comma":
            if (flow) {
              if (comma)
                onError(token, "UNEXPECTED_TOKEN", `Unexpected , in ${flow}`);
              comma = token;
              atNewline = false;
              hasSpace = false;
              break;
            }
          // else fallthrough
          default:
            onError(token, "UNEXPECTED_TOKEN", `Unexpected ${token.type} token`);
            atNewline = false;
            hasSpace = false;
        }
      }
      const last = tokens[tokens.length - 1];
      const end = last ? last.offset + last.source.length : offset;
      if (reqSpace && next && next.type !== "space" && next.type !== "newline" && next.type !== "comma" && (next.type !== "scalar" || next.source !== "")) {
        onError(next.offset, "MISSING_CHAR", "Tags and anchors must be separated from the next token by white space");
      }
      if (tab && (atNewline && tab.indent <= parentIndent || next?.type === "block-map" || next?.type === "block-seq"))
        onError(tab, "TAB_AS_INDENT", "Tabs are not allowed as indentation");
      return {
        comma,
        found,
        spaceBefore,
        comment,
        hasNewline,
        anchor,
        tag,
        newlineAfterProp,
        end,
        start: start ?? end
      };
    }
    exports.resolveProps = resolveProps;
  }
});

// node_modules/yaml/dist/compose/util-contains-newline.js
var require_util_contains_newline = __commonJS({
  "node_modules/yaml/dist/compose/util-contains-newline.js"(exports) {
    "use strict";
    function containsNewline(key) {
      if (!key)
        return null;
      switch (key.type) {
        case "alias":
        case "scalar":
        case "double-quoted-scalar":
        case "single-quoted-scalar":
          if (key.source.includes("\n"))
            return true;
          if (key.end) {
            for (const st of key.end)
              if (st.type === "newline")
                return true;
          }
          return false;
        case "flow-collection":
          for (const it of key.items) {
            for (const st of it.start)
              if (st.type === "newline")
                return true;
            if (it.sep) {
              for (const st of it.sep)
                if (st.type === "newline")
                  return true;
            }
            if (containsNewline(it.key) || containsNewline(it.value))
              return true;
          }
          return false;
        default:
          return true;
      }
    }
    exports.containsNewline = containsNewline;
  }
});

// node_modules/yaml/dist/compose/util-flow-indent-check.js
var require_util_flow_indent_check = __commonJS({
  "node_modules/yaml/dist/compose/util-flow-indent-check.js"(exports) {
    "use strict";
    var utilContainsNewline = require_util_contains_newline();
    function flowIndentCheck(indent, fc, onError) {
      if (fc?.type === "flow-collection") {
        const end = fc.end[0];
        if (end.indent === indent && (end.source === "]" || end.source === "}") && utilContainsNewline.containsNewline(fc)) {
          const msg = "Flow end indicator should be more indented than parent";
          onError(end, "BAD_INDENT", msg, true);
        }
      }
    }
    exports.flowIndentCheck = flowIndentCheck;
  }
});

// node_modules/yaml/dist/compose/util-map-includes.js
var require_util_map_includes = __commonJS({
  "node_modules/yaml/dist/compose/util-map-includes.js"(exports) {
    "use strict";
    var identity = require_identity();
    function mapIncludes(ctx, items, search) {
      const { uniqueKeys } = ctx.options;
      if (uniqueKeys === false)
        return false;
      const isEqual = typeof uniqueKeys === "function" ? uniqueKeys : (a, b) => a === b || identity.isScalar(a) && identity.isScalar(b) && a.value === b.value;
      return items.some((pair) => isEqual(pair.key, search));
    }
    exports.mapIncludes = mapIncludes;
  }
});

// node_modules/yaml/dist/compose/resolve-block-map.js
var require_resolve_block_map = __commonJS({
  "node_modules/yaml/dist/compose/resolve-block-map.js"(exports) {
    "use strict";
    var Pair = require_Pair();
    var YAMLMap = require_YAMLMap();
    var resolveProps = require_resolve_props();
    var utilContainsNewline = require_util_contains_newline();
    var utilFlowIndentCheck = require_util_flow_indent_check();
    var utilMapIncludes = require_util_map_includes();
    var startColMsg = "All mapping items must start at the same column";
    function resolveBlockMap({ composeNode, composeEmptyNode }, ctx, bm, onError, tag) {
      const NodeClass = tag?.nodeClass ?? YAMLMap.YAMLMap;
      const map = new NodeClass(ctx.schema);
      if (ctx.atRoot)
        ctx.atRoot = false;
      let offset = bm.offset;
      let commentEnd = null;
      for (const collItem of bm.items) {
        const { start, key, sep, value } = collItem;
        const keyProps = resolveProps.resolveProps(start, {
          indicator: "explicit-key-ind",
          next: key ?? sep?.[0],
          offset,
          onError,
          parentIndent: bm.indent,
          startOnNewline: true
        });
        const implicitKey = !keyProps.found;
        if (implicitKey) {
          if (key) {
            if (key.type === "block-seq")
              onError(offset, "BLOCK_AS_IMPLICIT_KEY", "A block sequence may not be used as an implicit map key");
            else if ("indent" in key && key.indent !== bm.indent)
              onError(offset, "BAD_INDENT", startColMsg);
          }
          if (!keyProps.anchor && !keyProps.tag && !sep) {
            commentEnd = keyProps.end;
            if (keyProps.comment) {
              if (map.comment)
                map.comment += "\n" + keyProps.comment;
              else
                map.comment = keyProps.comment;
            }
            continue;
          }
          if (keyProps.newlineAfterProp || utilContainsNewline.containsNewline(key)) {
            onError(key ?? start[start.length - 1], "MULTILINE_IMPLICIT_KEY", "Implicit keys need to be on a single line");
          }
        } else if (keyProps.found?.indent !== bm.indent) {
          onError(offset, "BAD_INDENT", startColMsg);
        }
        ctx.atKey = true;
        const keyStart = keyProps.end;
        const keyNode = key ? composeNode(ctx, key, keyProps, onError) : composeEmptyNode(ctx, keyStart, start, null, keyProps, onError);
        if (ctx.schema.compat)
          utilFlowIndentCheck.flowIndentCheck(bm.indent, key, onError);
        ctx.atKey = false;
        if (utilMapIncludes.mapIncludes(ctx, map.items, keyNode))
          onError(keyStart, "DUPLICATE_KEY", "Map keys must be unique");
        const valueProps = resolveProps.resolveProps(sep ?? [], {
          indicator: "map-value-ind",
          next: value,
          offset: keyNode.range[2],
          onError,
          parentIndent: bm.indent,
          startOnNewline: !key || key.type === "block-scalar"
        });
        offset = valueProps.end;
        if (valueProps.found) {
          if (implicitKey) {
            if (value?.type === "block-map" && !valueProps.hasNewline)
              onError(offset, "BLOCK_AS_IMPLICIT_KEY", "Nested mappings are not allowed in compact mappings");
            if (ctx.options.strict && keyProps.start < valueProps.found.offset - 1024)
              onError(keyNode.range, "KEY_OVER_1024_CHARS", "The : indicator must be at most 1024 chars after the start of an implicit block mapping key");
          }
          const valueNode = value ? composeNode(ctx, value, valueProps, onError) : composeEmptyNode(ctx, offset, sep, null, valueProps, onError);
          if (ctx.schema.compat)
            utilFlowIndentCheck.flowIndentCheck(bm.indent, value, onError);
          offset = valueNode.range[2];
          const pair = new Pair.Pair(keyNode, valueNode);
          if (ctx.options.keepSourceTokens)
            pair.srcToken = collItem;
          map.items.push(pair);
        } else {
          if (implicitKey)
            onError(keyNode.range, "MISSING_CHAR", "Implicit map keys need to be followed by map values");
          if (valueProps.comment) {
            if (keyNode.comment)
              keyNode.comment += "\n" + valueProps.comment;
            else
              keyNode.comment = valueProps.comment;
          }
          const pair = new Pair.Pair(keyNode);
          if (ctx.options.keepSourceTokens)
            pair.srcToken = collItem;
          map.items.push(pair);
        }
      }
      if (commentEnd && commentEnd < offset)
        onError(commentEnd, "IMPOSSIBLE", "Map comment with trailing content");
      map.range = [bm.offset, offset, commentEnd ?? offset];
      return map;
    }
    exports.resolveBlockMap = resolveBlockMap;
  }
});

// node_modules/yaml/dist/compose/resolve-block-seq.js
var require_resolve_block_seq = __commonJS({
  "node_modules/yaml/dist/compose/resolve-block-seq.js"(exports) {
    "use strict";
    var YAMLSeq = require_YAMLSeq();
    var resolveProps = require_resolve_props();
    var utilFlowIndentCheck = require_util_flow_indent_check();
    function resolveBlockSeq({ composeNode, composeEmptyNode }, ctx, bs, onError, tag) {
      const NodeClass = tag?.nodeClass ?? YAMLSeq.YAMLSeq;
      const seq = new NodeClass(ctx.schema);
      if (ctx.atRoot)
        ctx.atRoot = false;
      if (ctx.atKey)
        ctx.atKey = false;
      let offset = bs.offset;
      let commentEnd = null;
      for (const { start, value } of bs.items) {
        const props = resolveProps.resolveProps(start, {
          indicator: "seq-item-ind",
          next: value,
          offset,
          onError,
          parentIndent: bs.indent,
          startOnNewline: true
        });
        if (!props.found) {
          if (props.anchor || props.tag || value) {
            if (value?.type === "block-seq")
              onError(props.end, "BAD_INDENT", "All sequence items must start at the same column");
            else
              onError(offset, "MISSING_CHAR", "Sequence item without - indicator");
          } else {
            commentEnd = props.end;
            if (props.comment)
              seq.comment = props.comment;
            continue;
          }
        }
        const node = value ? composeNode(ctx, value, props, onError) : composeEmptyNode(ctx, props.end, start, null, props, onError);
        if (ctx.schema.compat)
          utilFlowIndentCheck.flowIndentCheck(bs.indent, value, onError);
        offset = node.range[2];
        seq.items.push(node);
      }
      seq.range = [bs.offset, offset, commentEnd ?? offset];
      return seq;
    }
    exports.resolveBlockSeq = resolveBlockSeq;
  }
});

// node_modules/yaml/dist/compose/resolve-end.js
var require_resolve_end = __commonJS({
  "node_modules/yaml/dist/compose/resolve-end.js"(exports) {
    "use strict";
    function resolveEnd(end, offset, reqSpace, onError) {
      let comment = "";
      if (end) {
        let hasSpace = false;
        let sep = "";
        for (const token of end) {
          const { source, type } = token;
          switch (type) {
            case "space":
              hasSpace = true;
              break;
            case "comment": {
              if (reqSpace && !hasSpace)
                onError(token, "MISSING_CHAR", "Comments must be separated from other tokens by white space characters");
              const cb = source.substring(1) || " ";
              if (!comment)
                comment = cb;
              else
                comment += sep + cb;
              sep = "";
              break;
            }
            case "newline":
              if (comment)
                sep += source;
              hasSpace = true;
              break;
            default:
              onError(token, "UNEXPECTED_TOKEN", `Unexpected ${type} at node end`);
          }
          offset += source.length;
        }
      }
      return { comment, offset };
    }
    exports.resolveEnd = resolveEnd;
  }
});

// node_modules/yaml/dist/compose/resolve-flow-collection.js
var require_resolve_flow_collection = __commonJS({
  "node_modules/yaml/dist/compose/resolve-flow-collection.js"(exports) {
    "use strict";
    var identity = require_identity();
    var Pair = require_Pair();
    var YAMLMap = require_YAMLMap();
    var YAMLSeq = require_YAMLSeq();
    var resolveEnd = require_resolve_end();
    var resolveProps = require_resolve_props();
    var utilContainsNewline = require_util_contains_newline();
    var utilMapIncludes = require_util_map_includes();
    var blockMsg = "Block collections are not allowed within flow collections";
    var isBlock = (token) => token && (token.type === "block-map" || token.type === "block-seq");
    function resolveFlowCollection({ composeNode, composeEmptyNode }, ctx, fc, onError, tag) {
      const isMap2 = fc.start.source === "{";
      const fcName = isMap2 ? "flow map" : "flow sequence";
      const NodeClass = tag?.nodeClass ?? (isMap2 ? YAMLMap.YAMLMap : YAMLSeq.YAMLSeq);
      const coll = new NodeClass(ctx.schema);
      coll.flow = true;
      const atRoot = ctx.atRoot;
      if (atRoot)
        ctx.atRoot = false;
      if (ctx.atKey)
        ctx.atKey = false;
      let offset = fc.offset + fc.start.source.length;
      for (let i = 0; i < fc.items.length; ++i) {
        const collItem = fc.items[i];
        const { start, key, sep, value } = collItem;
        const props = resolveProps.resolveProps(start, {
          flow: fcName,
          indicator: "explicit-key-ind",
          next: key ?? sep?.[0],
          offset,
          onError,
          parentIndent: fc.indent,
          startOnNewline: false
        });
        if (!props.found) {
          if (!props.anchor && !props.tag && !sep && !value) {
            if (i === 0 && props.comma)
              onError(props.comma, "UNEXPECTED_TOKEN", `Unexpected , in ${fcName}`);
            else if (i < fc.items.length - 1)
              onError(props.start, "UNEXPECTED_TOKEN", `Unexpected empty item in ${fcName}`);
            if (props.comment) {
              if (coll.comment)
                coll.comment += "\n" + props.comment;
              else
                coll.comment = props.comment;
            }
            offset = props.end;
            continue;
          }
          if (!isMap2 && ctx.options.strict && utilContainsNewline.containsNewline(key))
            onError(
              key,
              // checked by containsNewline()
              "MULTILINE_IMPLICIT_KEY",
              "Implicit keys of flow sequence pairs need to be on a single line"
            );
        }
        if (i === 0) {
          if (props.comma)
            onError(props.comma, "UNEXPECTED_TOKEN", `Unexpected , in ${fcName}`);
        } else {
          if (!props.comma)
            onError(props.start, "MISSING_CHAR", `Missing , between ${fcName} items`);
          if (props.comment) {
            let prevItemComment = "";
            loop: for (const st of start) {
              switch (st.type) {
                case "comma":
                case "space":
                  break;
                case "comment":
                  prevItemComment = st.source.substring(1);
                  break loop;
                default:
                  break loop;
              }
            }
            if (prevItemComment) {
              let prev = coll.items[coll.items.length - 1];
              if (identity.isPair(prev))
                prev = prev.value ?? prev.key;
              if (prev.comment)
                prev.comment += "\n" + prevItemComment;
              else
                prev.comment = prevItemComment;
              props.comment = props.comment.substring(prevItemComment.length + 1);
            }
          }
        }
        if (!isMap2 && !sep && !props.found) {
          const valueNode = value ? composeNode(ctx, value, props, onError) : composeEmptyNode(ctx, props.end, sep, null, props, onError);
          coll.items.push(valueNode);
          offset = valueNode.range[2];
          if (isBlock(value))
            onError(valueNode.range, "BLOCK_IN_FLOW", blockMsg);
        } else {
          ctx.atKey = true;
          const keyStart = props.end;
          const keyNode = key ? composeNode(ctx, key, props, onError) : composeEmptyNode(ctx, keyStart, start, null, props, onError);
          if (isBlock(key))
            onError(keyNode.range, "BLOCK_IN_FLOW", blockMsg);
          ctx.atKey = false;
          const valueProps = resolveProps.resolveProps(sep ?? [], {
            flow: fcName,
            indicator: "map-value-ind",
            next: value,
            offset: keyNode.range[2],
            onError,
            parentIndent: fc.indent,
            startOnNewline: false
          });
          if (valueProps.found) {
            if (!isMap2 && !props.found && ctx.options.strict) {
              if (sep)
                for (const st of sep) {
                  if (st === valueProps.found)
                    break;
                  if (st.type === "newline") {
                    onError(st, "MULTILINE_IMPLICIT_KEY", "Implicit keys of flow sequence pairs need to be on a single line");
                    break;
                  }
                }
              if (props.start < valueProps.found.offset - 1024)
                onError(valueProps.found, "KEY_OVER_1024_CHARS", "The : indicator must be at most 1024 chars after the start of an implicit flow sequence key");
            }
          } else if (value) {
            if ("source" in value && value.source?.[0] === ":")
              onError(value, "MISSING_CHAR", `Missing space after : in ${fcName}`);
            else
              onError(valueProps.start, "MISSING_CHAR", `Missing , or : between ${fcName} items`);
          }
          const valueNode = value ? composeNode(ctx, value, valueProps, onError) : valueProps.found ? composeEmptyNode(ctx, valueProps.end, sep, null, valueProps, onError) : null;
          if (valueNode) {
            if (isBlock(value))
              onError(valueNode.range, "BLOCK_IN_FLOW", blockMsg);
          } else if (valueProps.comment) {
            if (keyNode.comment)
              keyNode.comment += "\n" + valueProps.comment;
            else
              keyNode.comment = valueProps.comment;
          }
          const pair = new Pair.Pair(keyNode, valueNode);
          if (ctx.options.keepSourceTokens)
            pair.srcToken = collItem;
          if (isMap2) {
            const map = coll;
            if (utilMapIncludes.mapIncludes(ctx, map.items, keyNode))
              onError(keyStart, "DUPLICATE_KEY", "Map keys must be unique");
            map.items.push(pair);
          } else {
            const map = new YAMLMap.YAMLMap(ctx.schema);
            map.flow = true;
            map.items.push(pair);
            const endRange = (valueNode ?? keyNode).range;
            map.range = [keyNode.range[0], endRange[1], endRange[2]];
            coll.items.push(map);
          }
          offset = valueNode ? valueNode.range[2] : valueProps.end;
        }
      }
      const expectedEnd = isMap2 ? "}" : "]";
      const [ce, ...ee] = fc.end;
      let cePos = offset;
      if (ce?.source === expectedEnd)
        cePos = ce.offset + ce.source.length;
      else {
        const name = fcName[0].toUpperCase() + fcName.substring(1);
        const msg = atRoot ? `${name} must end with a ${expectedEnd}` : `${name} in block collection must be sufficiently indented and end with a ${expectedEnd}`;
        onError(offset, atRoot ? "MISSING_CHAR" : "BAD_INDENT", msg);
        if (ce && ce.source.length !== 1)
          ee.unshift(ce);
      }
      if (ee.length > 0) {
        const end = resolveEnd.resolveEnd(ee, cePos, ctx.options.strict, onError);
        if (end.comment) {
          if (coll.comment)
            coll.comment += "\n" + end.comment;
          else
            coll.comment = end.comment;
        }
        coll.range = [fc.offset, cePos, end.offset];
      } else {
        coll.range = [fc.offset, cePos, cePos];
      }
      return coll;
    }
    exports.resolveFlowCollection = resolveFlowCollection;
  }
});

// node_modules/yaml/dist/compose/compose-collection.js
var require_compose_collection = __commonJS({
  "node_modules/yaml/dist/compose/compose-collection.js"(exports) {
    "use strict";
    var identity = require_identity();
    var Scalar = require_Scalar();
    var YAMLMap = require_YAMLMap();
    var YAMLSeq = require_YAMLSeq();
    var resolveBlockMap = require_resolve_block_map();
    var resolveBlockSeq = require_resolve_block_seq();
    var resolveFlowCollection = require_resolve_flow_collection();
    function resolveCollection(CN, ctx, token, onError, tagName, tag) {
      const coll = token.type === "block-map" ? resolveBlockMap.resolveBlockMap(CN, ctx, token, onError, tag) : token.type === "block-seq" ? resolveBlockSeq.resolveBlockSeq(CN, ctx, token, onError, tag) : resolveFlowCollection.resolveFlowCollection(CN, ctx, token, onError, tag);
      const Coll = coll.constructor;
      if (tagName === "!" || tagName === Coll.tagName) {
        coll.tag = Coll.tagName;
        return coll;
      }
      if (tagName)
        coll.tag = tagName;
      return coll;
    }
    function composeCollection(CN, ctx, token, props, onError) {
      const tagToken = props.tag;
      const tagName = !tagToken ? null : ctx.directives.tagName(tagToken.source, (msg) => onError(tagToken, "TAG_RESOLVE_FAILED", msg));
      if (token.type === "block-seq") {
        const { anchor, newlineAfterProp: nl } = props;
        const lastProp = anchor && tagToken ? anchor.offset > tagToken.offset ? anchor : tagToken : anchor ?? tagToken;
        if (lastProp && (!nl || nl.offset < lastProp.offset)) {
          const message = "Missing newline after block sequence props";
          onError(lastProp, "MISSING_CHAR", message);
        }
      }
      const expType = token.type === "block-map" ? "map" : token.type === "block-seq" ? "seq" : token.start.source === "{" ? "map" : "seq";
      if (!tagToken || !tagName || tagName === "!" || tagName === YAMLMap.YAMLMap.tagName && expType === "map" || tagName === YAMLSeq.YAMLSeq.tagName && expType === "seq") {
        return resolveCollection(CN, ctx, token, onError, tagName);
      }
      let tag = ctx.schema.tags.find((t) => t.tag === tagName && t.collection === expType);
      if (!tag) {
        const kt = ctx.schema.knownTags[tagName];
        if (kt?.collection === expType) {
          ctx.schema.tags.push(Object.assign({}, kt, { default: false }));
          tag = kt;
        } else {
          if (kt) {
            onError(tagToken, "BAD_COLLECTION_TYPE", `${kt.tag} used for ${expType} collection, but expects ${kt.collection ?? "scalar"}`, true);
          } else {
            onError(tagToken, "TAG_RESOLVE_FAILED", `Unresolved tag: ${tagName}`, true);
          }
          return resolveCollection(CN, ctx, token, onError, tagName);
        }
      }
      const coll = resolveCollection(CN, ctx, token, onError, tagName, tag);
      const res = tag.resolve?.(coll, (msg) => onError(tagToken, "TAG_RESOLVE_FAILED", msg), ctx.options) ?? coll;
      const node = identity.isNode(res) ? res : new Scalar.Scalar(res);
      node.range = coll.range;
      node.tag = tagName;
      if (tag?.format)
        node.format = tag.format;
      return node;
    }
    exports.composeCollection = composeCollection;
  }
});

// node_modules/yaml/dist/compose/resolve-block-scalar.js
var require_resolve_block_scalar = __commonJS({
  "node_modules/yaml/dist/compose/resolve-block-scalar.js"(exports) {
    "use strict";
    var Scalar = require_Scalar();
    function resolveBlockScalar(ctx, scalar2, onError) {
      const start = scalar2.offset;
      const header = parseBlockScalarHeader(scalar2, ctx.options.strict, onError);
      if (!header)
        return { value: "", type: null, comment: "", range: [start, start, start] };
      const type = header.mode === ">" ? Scalar.Scalar.BLOCK_FOLDED : Scalar.Scalar.BLOCK_LITERAL;
      const lines = scalar2.source ? splitLines(scalar2.source) : [];
      let chompStart = lines.length;
      for (let i = lines.length - 1; i >= 0; --i) {
        const content = lines[i][1];
        if (content === "" || content === "\r")
          chompStart = i;
        else
          break;
      }
      if (chompStart === 0) {
        const value2 = header.chomp === "+" && lines.length > 0 ? "\n".repeat(Math.max(1, lines.length - 1)) : "";
        let end2 = start + header.length;
        if (scalar2.source)
          end2 += scalar2.source.length;
        return { value: value2, type, comment: header.comment, range: [start, end2, end2] };
      }
      let trimIndent = scalar2.indent + header.indent;
      let offset = scalar2.offset + header.length;
      let contentStart = 0;
      for (let i = 0; i < chompStart; ++i) {
        const [indent, content] = lines[i];
        if (content === "" || content === "\r") {
          if (header.indent === 0 && indent.length > trimIndent)
            trimIndent = indent.length;
        } else {
          if (indent.length < trimIndent) {
            const message = "Block scalars with more-indented leading empty lines must use an explicit indentation indicator";
            onError(offset + indent.length, "MISSING_CHAR", message);
          }
          if (header.indent === 0)
            trimIndent = indent.length;
          contentStart = i;
          if (trimIndent === 0 && !ctx.atRoot) {
            const message = "Block scalar values in collections must be indented";
            onError(offset, "BAD_INDENT", message);
          }
          break;
        }
        offset += indent.length + content.length + 1;
      }
      for (let i = lines.length - 1; i >= chompStart; --i) {
        if (lines[i][0].length > trimIndent)
          chompStart = i + 1;
      }
      let value = "";
      let sep = "";
      let prevMoreIndented = false;
      for (let i = 0; i < contentStart; ++i)
        value += lines[i][0].slice(trimIndent) + "\n";
      for (let i = contentStart; i < chompStart; ++i) {
        let [indent, content] = lines[i];
        offset += indent.length + content.length + 1;
        const crlf = content[content.length - 1] === "\r";
        if (crlf)
          content = content.slice(0, -1);
        if (content && indent.length < trimIndent) {
          const src = header.indent ? "explicit indentation indicator" : "first line";
          const message = `Block scalar lines must not be less indented than their ${src}`;
          onError(offset - content.length - (crlf ? 2 : 1), "BAD_INDENT", message);
          indent = "";
        }
        if (type === Scalar.Scalar.BLOCK_LITERAL) {
          value += sep + indent.slice(trimIndent) + content;
          sep = "\n";
        } else if (indent.length > trimIndent || content[0] === "	") {
          if (sep === " ")
            sep = "\n";
          else if (!prevMoreIndented && sep === "\n")
            sep = "\n\n";
          value += sep + indent.slice(trimIndent) + content;
          sep = "\n";
          prevMoreIndented = true;
        } else if (content === "") {
          if (sep === "\n")
            value += "\n";
          else
            sep = "\n";
        } else {
          value += sep + content;
          sep = " ";
          prevMoreIndented = false;
        }
      }
      switch (header.chomp) {
        case "-":
          break;
        case "+":
          for (let i = chompStart; i < lines.length; ++i)
            value += "\n" + lines[i][0].slice(trimIndent);
          if (value[value.length - 1] !== "\n")
            value += "\n";
          break;
        default:
          value += "\n";
      }
      const end = start + header.length + scalar2.source.length;
      return { value, type, comment: header.comment, range: [start, end, end] };
    }
    function parseBlockScalarHeader({ offset, props }, strict, onError) {
      if (props[0].type !== "block-scalar-header") {
        onError(props[0], "IMPOSSIBLE", "Block scalar header not found");
        return null;
      }
      const { source } = props[0];
      const mode = source[0];
      let indent = 0;
      let chomp = "";
      let error = -1;
      for (let i = 1; i < source.length; ++i) {
        const ch = source[i];
        if (!chomp && (ch === "-" || ch === "+"))
          chomp = ch;
        else {
          const n = Number(ch);
          if (!indent && n)
            indent = n;
          else if (error === -1)
            error = offset + i;
        }
      }
      if (error !== -1)
        onError(error, "UNEXPECTED_TOKEN", `Block scalar header includes extra characters: ${source}`);
      let hasSpace = false;
      let comment = "";
      let length = source.length;
      for (let i = 1; i < props.length; ++i) {
        const token = props[i];
        switch (token.type) {
          case "space":
            hasSpace = true;
          // fallthrough
          case "newline":
            length += token.source.length;
            break;
          case "comment":
            if (strict && !hasSpace) {
              const message = "Comments must be separated from other tokens by white space characters";
              onError(token, "MISSING_CHAR", message);
            }
            length += token.source.length;
            comment = token.source.substring(1);
            break;
          case "error":
            onError(token, "UNEXPECTED_TOKEN", token.message);
            length += token.source.length;
            break;
          /* istanbul ignore next should not happen */
          default: {
            const message = `Unexpected token in block scalar header: ${token.type}`;
            onError(token, "UNEXPECTED_TOKEN", message);
            const ts = token.source;
            if (ts && typeof ts === "string")
              length += ts.length;
          }
        }
      }
      return { mode, indent, chomp, comment, length };
    }
    function splitLines(source) {
      const split = source.split(/\n( *)/);
      const first = split[0];
      const m = first.match(/^( *)/);
      const line0 = m?.[1] ? [m[1], first.slice(m[1].length)] : ["", first];
      const lines = [line0];
      for (let i = 1; i < split.length; i += 2)
        lines.push([split[i], split[i + 1]]);
      return lines;
    }
    exports.resolveBlockScalar = resolveBlockScalar;
  }
});

// node_modules/yaml/dist/compose/resolve-flow-scalar.js
var require_resolve_flow_scalar = __commonJS({
  "node_modules/yaml/dist/compose/resolve-flow-scalar.js"(exports) {
    "use strict";
    var Scalar = require_Scalar();
    var resolveEnd = require_resolve_end();
    function resolveFlowScalar(scalar2, strict, onError) {
      const { offset, type, source, end } = scalar2;
      let _type;
      let value;
      const _onError = (rel, code, msg) => onError(offset + rel, code, msg);
      switch (type) {
        case "scalar":
          _type = Scalar.Scalar.PLAIN;
          value = plainValue(source, _onError);
          break;
        case "single-quoted-scalar":
          _type = Scalar.Scalar.QUOTE_SINGLE;
          value = singleQuotedValue(source, _onError);
          break;
        case "double-quoted-scalar":
          _type = Scalar.Scalar.QUOTE_DOUBLE;
          value = doubleQuotedValue(source, _onError);
          break;
        /* istanbul ignore next should not happen */
        default:
          onError(scalar2, "UNEXPECTED_TOKEN", `Expected a flow scalar value, but found: ${type}`);
          return {
            value: "",
            type: null,
            comment: "",
            range: [offset, offset + source.length, offset + source.length]
          };
      }
      const valueEnd = offset + source.length;
      const re = resolveEnd.resolveEnd(end, valueEnd, strict, onError);
      return {
        value,
        type: _type,
        comment: re.comment,
        range: [offset, valueEnd, re.offset]
      };
    }
    function plainValue(source, onError) {
      let badChar = "";
      switch (source[0]) {
        /* istanbul ignore next should not happen */
        case "	":
          badChar = "a tab character";
          break;
        case ",":
          badChar = "flow indicator character ,";
          break;
        case "%":
          badChar = "directive indicator character %";
          break;
        case "|":
        case ">": {
          badChar = `block scalar indicator ${source[0]}`;
          break;
        }
        case "@":
        case "`": {
          badChar = `reserved character ${source[0]}`;
          break;
        }
      }
      if (badChar)
        onError(0, "BAD_SCALAR_START", `Plain value cannot start with ${badChar}`);
      return unfoldLines(source);
    }
    function singleQuotedValue(source, onError) {
      if (source[source.length - 1] !== "'" || source.length === 1)
        onError(source.length, "MISSING_CHAR", "Missing closing 'quote");
      return unfoldLines(source.slice(1, -1)).replace(/''/g, "'");
    }
    function unfoldLines(source) {
      const line = /(.*?)\r?\n/sy;
      let match = line.exec(source);
      if (!match)
        return source;
      let trimEnd, trimBoth;
      try {
        trimEnd = new RegExp("(?<![ 	])[ 	]+$");
        trimBoth = new RegExp("^[ 	]+|(?<![ 	])[ 	]+$", "g");
      } catch {
        trimEnd = /[ \t]+$/;
        trimBoth = /^[ \t]+|[ \t]+$/g;
      }
      let res = match[1].replace(trimEnd, "");
      let sep = " ";
      let pos = line.lastIndex;
      while (match = line.exec(source)) {
        const lm = match[1].replace(trimBoth, "");
        if (lm === "") {
          if (sep === "\n")
            res += sep;
          else
            sep = "\n";
        } else {
          res += sep + lm;
          sep = " ";
        }
        pos = line.lastIndex;
      }
      const last = /[ \t]*(.*)/sy;
      last.lastIndex = pos;
      match = last.exec(source);
      return res + sep + (match?.[1] ?? "");
    }
    function doubleQuotedValue(source, onError) {
      let res = "";
      for (let i = 1; i < source.length - 1; ++i) {
        const ch = source[i];
        if (ch === "\r" && source[i + 1] === "\n")
          continue;
        if (ch === "\n") {
          const { fold, offset } = foldNewline(source, i);
          res += fold;
          i = offset;
        } else if (ch === "\\") {
          let next = source[++i];
          const cc = escapeCodes[next];
          if (cc)
            res += cc;
          else if (next === "\n") {
            next = source[i + 1];
            while (next === " " || next === "	")
              next = source[++i + 1];
          } else if (next === "\r" && source[i + 1] === "\n") {
            next = source[++i + 1];
            while (next === " " || next === "	")
              next = source[++i + 1];
          } else if (next === "x" || next === "u" || next === "U") {
            const length = next === "x" ? 2 : next === "u" ? 4 : 8;
            res += parseCharCode(source, i + 1, length, onError);
            i += length;
          } else {
            const raw = source.substr(i - 1, 2);
            onError(i - 1, "BAD_DQ_ESCAPE", `Invalid escape sequence ${raw}`);
            res += raw;
          }
        } else if (ch === " " || ch === "	") {
          const wsStart = i;
          let next = source[i + 1];
          while (next === " " || next === "	")
            next = source[++i + 1];
          if (next !== "\n" && !(next === "\r" && source[i + 2] === "\n"))
            res += i > wsStart ? source.slice(wsStart, i + 1) : ch;
        } else {
          res += ch;
        }
      }
      if (source[source.length - 1] !== '"' || source.length === 1)
        onError(source.length, "MISSING_CHAR", 'Missing closing "quote');
      return res;
    }
    function foldNewline(source, offset) {
      let fold = "";
      let ch = source[offset + 1];
      while (ch === " " || ch === "	" || ch === "\n" || ch === "\r") {
        if (ch === "\r" && source[offset + 2] !== "\n")
          break;
        if (ch === "\n")
          fold += "\n";
        offset += 1;
        ch = source[offset + 1];
      }
      if (!fold)
        fold = " ";
      return { fold, offset };
    }
    var escapeCodes = {
      "0": "\0",
      // null character
      a: "\x07",
      // bell character
      b: "\b",
      // backspace
      e: "\x1B",
      // escape character
      f: "\f",
      // form feed
      n: "\n",
      // line feed
      r: "\r",
      // carriage return
      t: "	",
      // horizontal tab
      v: "\v",
      // vertical tab
      N: "\x85",
      // Unicode next line
      _: "\xA0",
      // Unicode non-breaking space
      L: "\u2028",
      // Unicode line separator
      P: "\u2029",
      // Unicode paragraph separator
      " ": " ",
      '"': '"',
      "/": "/",
      "\\": "\\",
      "	": "	"
    };
    function parseCharCode(source, offset, length, onError) {
      const cc = source.substr(offset, length);
      const ok = cc.length === length && /^[0-9a-fA-F]+$/.test(cc);
      const code = ok ? parseInt(cc, 16) : NaN;
      try {
        return String.fromCodePoint(code);
      } catch {
        const raw = source.substr(offset - 2, length + 2);
        onError(offset - 2, "BAD_DQ_ESCAPE", `Invalid escape sequence ${raw}`);
        return raw;
      }
    }
    exports.resolveFlowScalar = resolveFlowScalar;
  }
});

// node_modules/yaml/dist/compose/compose-scalar.js
var require_compose_scalar = __commonJS({
  "node_modules/yaml/dist/compose/compose-scalar.js"(exports) {
    "use strict";
    var identity = require_identity();
    var Scalar = require_Scalar();
    var resolveBlockScalar = require_resolve_block_scalar();
    var resolveFlowScalar = require_resolve_flow_scalar();
    function composeScalar(ctx, token, tagToken, onError) {
      const { value, type, comment, range } = token.type === "block-scalar" ? resolveBlockScalar.resolveBlockScalar(ctx, token, onError) : resolveFlowScalar.resolveFlowScalar(token, ctx.options.strict, onError);
      const tagName = tagToken ? ctx.directives.tagName(tagToken.source, (msg) => onError(tagToken, "TAG_RESOLVE_FAILED", msg)) : null;
      let tag;
      if (ctx.options.stringKeys && ctx.atKey) {
        tag = ctx.schema[identity.SCALAR];
      } else if (tagName)
        tag = findScalarTagByName(ctx.schema, value, tagName, tagToken, onError);
      else if (token.type === "scalar")
        tag = findScalarTagByTest(ctx, value, token, onError);
      else
        tag = ctx.schema[identity.SCALAR];
      let scalar2;
      try {
        const res = tag.resolve(value, (msg) => onError(tagToken ?? token, "TAG_RESOLVE_FAILED", msg), ctx.options);
        scalar2 = identity.isScalar(res) ? res : new Scalar.Scalar(res);
      } catch (error) {
        const msg = error instanceof Error ? error.message : String(error);
        onError(tagToken ?? token, "TAG_RESOLVE_FAILED", msg);
        scalar2 = new Scalar.Scalar(value);
      }
      scalar2.range = range;
      scalar2.source = value;
      if (type)
        scalar2.type = type;
      if (tagName)
        scalar2.tag = tagName;
      if (tag.format)
        scalar2.format = tag.format;
      if (comment)
        scalar2.comment = comment;
      return scalar2;
    }
    function findScalarTagByName(schema, value, tagName, tagToken, onError) {
      if (tagName === "!")
        return schema[identity.SCALAR];
      const matchWithTest = [];
      for (const tag of schema.tags) {
        if (!tag.collection && tag.tag === tagName) {
          if (tag.default && tag.test)
            matchWithTest.push(tag);
          else
            return tag;
        }
      }
      for (const tag of matchWithTest)
        if (tag.test?.test(value))
          return tag;
      const kt = schema.knownTags[tagName];
      if (kt && !kt.collection) {
        schema.tags.push(Object.assign({}, kt, { default: false, test: void 0 }));
        return kt;
      }
      onError(tagToken, "TAG_RESOLVE_FAILED", `Unresolved tag: ${tagName}`, tagName !== "tag:yaml.org,2002:str");
      return schema[identity.SCALAR];
    }
    function findScalarTagByTest({ atKey, directives, schema }, value, token, onError) {
      const tag = schema.tags.find((tag2) => (tag2.default === true || atKey && tag2.default === "key") && tag2.test?.test(value)) || schema[identity.SCALAR];
      if (schema.compat) {
        const compat = schema.compat.find((tag2) => tag2.default && tag2.test?.test(value)) ?? schema[identity.SCALAR];
        if (tag.tag !== compat.tag) {
          const ts = directives.tagString(tag.tag);
          const cs = directives.tagString(compat.tag);
          const msg = `Value may be parsed as either ${ts} or ${cs}`;
          onError(token, "TAG_RESOLVE_FAILED", msg, true);
        }
      }
      return tag;
    }
    exports.composeScalar = composeScalar;
  }
});

// node_modules/yaml/dist/compose/util-empty-scalar-position.js
var require_util_empty_scalar_position = __commonJS({
  "node_modules/yaml/dist/compose/util-empty-scalar-position.js"(exports) {
    "use strict";
    function emptyScalarPosition(offset, before, pos) {
      if (before) {
        pos ?? (pos = before.length);
        for (let i = pos - 1; i >= 0; --i) {
          let st = before[i];
          switch (st.type) {
            case "space":
            case "comment":
            case "newline":
              offset -= st.source.length;
              continue;
          }
          st = before[++i];
          while (st?.type === "space") {
            offset += st.source.length;
            st = before[++i];
          }
          break;
        }
      }
      return offset;
    }
    exports.emptyScalarPosition = emptyScalarPosition;
  }
});

// node_modules/yaml/dist/compose/compose-node.js
var require_compose_node = __commonJS({
  "node_modules/yaml/dist/compose/compose-node.js"(exports) {
    "use strict";
    var Alias = require_Alias();
    var identity = require_identity();
    var composeCollection = require_compose_collection();
    var composeScalar = require_compose_scalar();
    var resolveEnd = require_resolve_end();
    var utilEmptyScalarPosition = require_util_empty_scalar_position();
    var CN = { composeNode, composeEmptyNode };
    function composeNode(ctx, token, props, onError) {
      const atKey = ctx.atKey;
      const { spaceBefore, comment, anchor, tag } = props;
      let node;
      let isSrcToken = true;
      switch (token.type) {
        case "alias":
          node = composeAlias(ctx, token, onError);
          if (anchor || tag)
            onError(token, "ALIAS_PROPS", "An alias node must not specify any properties");
          break;
        case "scalar":
        case "single-quoted-scalar":
        case "double-quoted-scalar":
        case "block-scalar":
          node = composeScalar.composeScalar(ctx, token, tag, onError);
          if (anchor)
            node.anchor = anchor.source.substring(1);
          break;
        case "block-map":
        case "block-seq":
        case "flow-collection":
          try {
            node = composeCollection.composeCollection(CN, ctx, token, props, onError);
            if (anchor)
              node.anchor = anchor.source.substring(1);
          } catch (error) {
            const message = error instanceof Error ? error.message : String(error);
            onError(token, "RESOURCE_EXHAUSTION", message);
          }
          break;
        default: {
          const message = token.type === "error" ? token.message : `Unsupported token (type: ${token.type})`;
          onError(token, "UNEXPECTED_TOKEN", message);
          isSrcToken = false;
        }
      }
      node ?? (node = composeEmptyNode(ctx, token.offset, void 0, null, props, onError));
      if (anchor && node.anchor === "")
        onError(anchor, "BAD_ALIAS", "Anchor cannot be an empty string");
      if (atKey && ctx.options.stringKeys && (!identity.isScalar(node) || typeof node.value !== "string" || node.tag && node.tag !== "tag:yaml.org,2002:str")) {
        const msg = "With stringKeys, all keys must be strings";
        onError(tag ?? token, "NON_STRING_KEY", msg);
      }
      if (spaceBefore)
        node.spaceBefore = true;
      if (comment) {
        if (token.type === "scalar" && token.source === "")
          node.comment = comment;
        else
          node.commentBefore = comment;
      }
      if (ctx.options.keepSourceTokens && isSrcToken)
        node.srcToken = token;
      return node;
    }
    function composeEmptyNode(ctx, offset, before, pos, { spaceBefore, comment, anchor, tag, end }, onError) {
      const token = {
        type: "scalar",
        offset: utilEmptyScalarPosition.emptyScalarPosition(offset, before, pos),
        indent: -1,
        source: ""
      };
      const node = composeScalar.composeScalar(ctx, token, tag, onError);
      if (anchor) {
        node.anchor = anchor.source.substring(1);
        if (node.anchor === "")
          onError(anchor, "BAD_ALIAS", "Anchor cannot be an empty string");
      }
      if (spaceBefore)
        node.spaceBefore = true;
      if (comment) {
        node.comment = comment;
        node.range[2] = end;
      }
      return node;
    }
    function composeAlias({ options }, { offset, source, end }, onError) {
      const alias = new Alias.Alias(source.substring(1));
      if (alias.source === "")
        onError(offset, "BAD_ALIAS", "Alias cannot be an empty string");
      if (alias.source.endsWith(":"))
        onError(offset + source.length - 1, "BAD_ALIAS", "Alias ending in : is ambiguous", true);
      const valueEnd = offset + source.length;
      const re = resolveEnd.resolveEnd(end, valueEnd, options.strict, onError);
      alias.range = [offset, valueEnd, re.offset];
      if (re.comment)
        alias.comment = re.comment;
      return alias;
    }
    exports.composeEmptyNode = composeEmptyNode;
    exports.composeNode = composeNode;
  }
});

// node_modules/yaml/dist/compose/compose-doc.js
var require_compose_doc = __commonJS({
  "node_modules/yaml/dist/compose/compose-doc.js"(exports) {
    "use strict";
    var Document = require_Document();
    var composeNode = require_compose_node();
    var resolveEnd = require_resolve_end();
    var resolveProps = require_resolve_props();
    function composeDoc(options, directives, { offset, start, value, end }, onError) {
      const opts = Object.assign({ _directives: directives }, options);
      const doc = new Document.Document(void 0, opts);
      const ctx = {
        atKey: false,
        atRoot: true,
        directives: doc.directives,
        options: doc.options,
        schema: doc.schema
      };
      const props = resolveProps.resolveProps(start, {
        indicator: "doc-start",
        next: value ?? end?.[0],
        offset,
        onError,
        parentIndent: 0,
        startOnNewline: true
      });
      if (props.found) {
        doc.directives.docStart = true;
        if (value && (value.type === "block-map" || value.type === "block-seq") && !props.hasNewline)
          onError(props.end, "MISSING_CHAR", "Block collection cannot start on same line with directives-end marker");
      }
      doc.contents = value ? composeNode.composeNode(ctx, value, props, onError) : composeNode.composeEmptyNode(ctx, props.end, start, null, props, onError);
      const contentEnd = doc.contents.range[2];
      const re = resolveEnd.resolveEnd(end, contentEnd, false, onError);
      if (re.comment)
        doc.comment = re.comment;
      doc.range = [offset, contentEnd, re.offset];
      return doc;
    }
    exports.composeDoc = composeDoc;
  }
});

// node_modules/yaml/dist/compose/composer.js
var require_composer = __commonJS({
  "node_modules/yaml/dist/compose/composer.js"(exports) {
    "use strict";
    var node_process = __require("process");
    var directives = require_directives();
    var Document = require_Document();
    var errors = require_errors5();
    var identity = require_identity();
    var composeDoc = require_compose_doc();
    var resolveEnd = require_resolve_end();
    function getErrorPos(src) {
      if (typeof src === "number")
        return [src, src + 1];
      if (Array.isArray(src))
        return src.length === 2 ? src : [src[0], src[1]];
      const { offset, source } = src;
      return [offset, offset + (typeof source === "string" ? source.length : 1)];
    }
    function parsePrelude(prelude) {
      let comment = "";
      let atComment = false;
      let afterEmptyLine = false;
      for (let i = 0; i < prelude.length; ++i) {
        const source = prelude[i];
        switch (source[0]) {
          case "#":
            comment += (comment === "" ? "" : afterEmptyLine ? "\n\n" : "\n") + (source.substring(1) || " ");
            atComment = true;
            afterEmptyLine = false;
            break;
          case "%":
            if (prelude[i + 1]?.[0] !== "#")
              i += 1;
            atComment = false;
            break;
          default:
            if (!atComment)
              afterEmptyLine = true;
            atComment = false;
        }
      }
      return { comment, afterEmptyLine };
    }
    var Composer = class {
      constructor(options = {}) {
        this.doc = null;
        this.atDirectives = false;
        this.prelude = [];
        this.errors = [];
        this.warnings = [];
        this.onError = (source, code, message, warning) => {
          const pos = getErrorPos(source);
          if (warning)
            this.warnings.push(new errors.YAMLWarning(pos, code, message));
          else
            this.errors.push(new errors.YAMLParseError(pos, code, message));
        };
        this.directives = new directives.Directives({ version: options.version || "1.2" });
        this.options = options;
      }
      decorate(doc, afterDoc) {
        const { comment, afterEmptyLine } = parsePrelude(this.prelude);
        if (comment) {
          const dc = doc.contents;
          if (afterDoc) {
            doc.comment = doc.comment ? `${doc.comment}
${comment}` : comment;
          } else if (afterEmptyLine || doc.directives.docStart || !dc) {
            doc.commentBefore = comment;
          } else if (identity.isCollection(dc) && !dc.flow && dc.items.length > 0) {
            let it = dc.items[0];
            if (identity.isPair(it))
              it = it.key;
            const cb = it.commentBefore;
            it.commentBefore = cb ? `${comment}
${cb}` : comment;
          } else {
            const cb = dc.commentBefore;
            dc.commentBefore = cb ? `${comment}
${cb}` : comment;
          }
        }
        if (afterDoc) {
          for (let i = 0; i < this.errors.length; ++i)
            doc.errors.push(this.errors[i]);
          for (let i = 0; i < this.warnings.length; ++i)
            doc.warnings.push(this.warnings[i]);
        } else {
          doc.errors = this.errors;
          doc.warnings = this.warnings;
        }
        this.prelude = [];
        this.errors = [];
        this.warnings = [];
      }
      /**
       * Current stream status information.
       *
       * Mostly useful at the end of input for an empty stream.
       */
      streamInfo() {
        return {
          comment: parsePrelude(this.prelude).comment,
          directives: this.directives,
          errors: this.errors,
          warnings: this.warnings
        };
      }
      /**
       * Compose tokens into documents.
       *
       * @param forceDoc - If the stream contains no document, still emit a final document including any comments and directives that would be applied to a subsequent document.
       * @param endOffset - Should be set if `forceDoc` is also set, to set the document range end and to indicate errors correctly.
       */
      *compose(tokens, forceDoc = false, endOffset = -1) {
        for (const token of tokens)
          yield* this.next(token);
        yield* this.end(forceDoc, endOffset);
      }
      /** Advance the composer by one CST token. */
      *next(token) {
        if (node_process.env.LOG_STREAM)
          console.dir(token, { depth: null });
        switch (token.type) {
          case "directive":
            this.directives.add(token.source, (offset, message, warning) => {
              const pos = getErrorPos(token);
              pos[0] += offset;
              this.onError(pos, "BAD_DIRECTIVE", message, warning);
            });
            this.prelude.push(token.source);
            this.atDirectives = true;
            break;
          case "document": {
            const doc = composeDoc.composeDoc(this.options, this.directives, token, this.onError);
            if (this.atDirectives && !doc.directives.docStart)
              this.onError(token, "MISSING_CHAR", "Missing directives-end/doc-start indicator line");
            this.decorate(doc, false);
            if (this.doc)
              yield this.doc;
            this.doc = doc;
            this.atDirectives = false;
            break;
          }
          case "byte-order-mark":
          case "space":
            break;
          case "comment":
          case "newline":
            this.prelude.push(token.source);
            break;
          case "error": {
            const msg = token.source ? `${token.message}: ${JSON.stringify(token.source)}` : token.message;
            const error = new errors.YAMLParseError(getErrorPos(token), "UNEXPECTED_TOKEN", msg);
            if (this.atDirectives || !this.doc)
              this.errors.push(error);
            else
              this.doc.errors.push(error);
            break;
          }
          case "doc-end": {
            if (!this.doc) {
              const msg = "Unexpected doc-end without preceding document";
              this.errors.push(new errors.YAMLParseError(getErrorPos(token), "UNEXPECTED_TOKEN", msg));
              break;
            }
            this.doc.directives.docEnd = true;
            const end = resolveEnd.resolveEnd(token.end, token.offset + token.source.length, this.doc.options.strict, this.onError);
            this.decorate(this.doc, true);
            if (end.comment) {
              const dc = this.doc.comment;
              this.doc.comment = dc ? `${dc}
${end.comment}` : end.comment;
            }
            this.doc.range[2] = end.offset;
            break;
          }
          default:
            this.errors.push(new errors.YAMLParseError(getErrorPos(token), "UNEXPECTED_TOKEN", `Unsupported token ${token.type}`));
        }
      }
      /**
       * Call at end of input to yield any remaining document.
       *
       * @param forceDoc - If the stream contains no document, still emit a final document including any comments and directives that would be applied to a subsequent document.
       * @param endOffset - Should be set if `forceDoc` is also set, to set the document range end and to indicate errors correctly.
       */
      *end(forceDoc = false, endOffset = -1) {
        if (this.doc) {
          this.decorate(this.doc, true);
          yield this.doc;
          this.doc = null;
        } else if (forceDoc) {
          const opts = Object.assign({ _directives: this.directives }, this.options);
          const doc = new Document.Document(void 0, opts);
          if (this.atDirectives)
            this.onError(endOffset, "MISSING_CHAR", "Missing directives-end indicator line");
          doc.range = [0, endOffset, endOffset];
          this.decorate(doc, false);
          yield doc;
        }
      }
    };
    exports.Composer = Composer;
  }
});

// node_modules/yaml/dist/parse/cst-scalar.js
var require_cst_scalar = __commonJS({
  "node_modules/yaml/dist/parse/cst-scalar.js"(exports) {
    "use strict";
    var resolveBlockScalar = require_resolve_block_scalar();
    var resolveFlowScalar = require_resolve_flow_scalar();
    var errors = require_errors5();
    var stringifyString = require_stringifyString();
    function resolveAsScalar(token, strict = true, onError) {
      if (token) {
        const _onError = (pos, code, message) => {
          const offset = typeof pos === "number" ? pos : Array.isArray(pos) ? pos[0] : pos.offset;
          if (onError)
            onError(offset, code, message);
          else
            throw new errors.YAMLParseError([offset, offset + 1], code, message);
        };
        switch (token.type) {
          case "scalar":
          case "single-quoted-scalar":
          case "double-quoted-scalar":
            return resolveFlowScalar.resolveFlowScalar(token, strict, _onError);
          case "block-scalar":
            return resolveBlockScalar.resolveBlockScalar({ options: { strict } }, token, _onError);
        }
      }
      return null;
    }
    function createScalarToken(value, context) {
      const { implicitKey = false, indent, inFlow = false, offset = -1, type = "PLAIN" } = context;
      const source = stringifyString.stringifyString({ type, value }, {
        implicitKey,
        indent: indent > 0 ? " ".repeat(indent) : "",
        inFlow,
        options: { blockQuote: true, lineWidth: -1 }
      });
      const end = context.end ?? [
        { type: "newline", offset: -1, indent, source: "\n" }
      ];
      switch (source[0]) {
        case "|":
        case ">": {
          const he = source.indexOf("\n");
          const head = source.substring(0, he);
          const body = source.substring(he + 1) + "\n";
          const props = [
            { type: "block-scalar-header", offset, indent, source: head }
          ];
          if (!addEndtoBlockProps(props, end))
            props.push({ type: "newline", offset: -1, indent, source: "\n" });
          return { type: "block-scalar", offset, indent, props, source: body };
        }
        case '"':
          return { type: "double-quoted-scalar", offset, indent, source, end };
        case "'":
          return { type: "single-quoted-scalar", offset, indent, source, end };
        default:
          return { type: "scalar", offset, indent, source, end };
      }
    }
    function setScalarValue(token, value, context = {}) {
      let { afterKey = false, implicitKey = false, inFlow = false, type } = context;
      let indent = "indent" in token ? token.indent : null;
      if (afterKey && typeof indent === "number")
        indent += 2;
      if (!type)
        switch (token.type) {
          case "single-quoted-scalar":
            type = "QUOTE_SINGLE";
            break;
          case "double-quoted-scalar":
            type = "QUOTE_DOUBLE";
            break;
          case "block-scalar": {
            const header = token.props[0];
            if (header.type !== "block-scalar-header")
              throw new Error("Invalid block scalar header");
            type = header.source[0] === ">" ? "BLOCK_FOLDED" : "BLOCK_LITERAL";
            break;
          }
          default:
            type = "PLAIN";
        }
      const source = stringifyString.stringifyString({ type, value }, {
        implicitKey: implicitKey || indent === null,
        indent: indent !== null && indent > 0 ? " ".repeat(indent) : "",
        inFlow,
        options: { blockQuote: true, lineWidth: -1 }
      });
      switch (source[0]) {
        case "|":
        case ">":
          setBlockScalarValue(token, source);
          break;
        case '"':
          setFlowScalarValue(token, source, "double-quoted-scalar");
          break;
        case "'":
          setFlowScalarValue(token, source, "single-quoted-scalar");
          break;
        default:
          setFlowScalarValue(token, source, "scalar");
      }
    }
    function setBlockScalarValue(token, source) {
      const he = source.indexOf("\n");
      const head = source.substring(0, he);
      const body = source.substring(he + 1) + "\n";
      if (token.type === "block-scalar") {
        const header = token.props[0];
        if (header.type !== "block-scalar-header")
          throw new Error("Invalid block scalar header");
        header.source = head;
        token.source = body;
      } else {
        const { offset } = token;
        const indent = "indent" in token ? token.indent : -1;
        const props = [
          { type: "block-scalar-header", offset, indent, source: head }
        ];
        if (!addEndtoBlockProps(props, "end" in token ? token.end : void 0))
          props.push({ type: "newline", offset: -1, indent, source: "\n" });
        for (const key of Object.keys(token))
          if (key !== "type" && key !== "offset")
            delete token[key];
        Object.assign(token, { type: "block-scalar", indent, props, source: body });
      }
    }
    function addEndtoBlockProps(props, end) {
      if (end)
        for (const st of end)
          switch (st.type) {
            case "space":
            case "comment":
              props.push(st);
              break;
            case "newline":
              props.push(st);
              return true;
          }
      return false;
    }
    function setFlowScalarValue(token, source, type) {
      switch (token.type) {
        case "scalar":
        case "double-quoted-scalar":
        case "single-quoted-scalar":
          token.type = type;
          token.source = source;
          break;
        case "block-scalar": {
          const end = token.props.slice(1);
          let oa = source.length;
          if (token.props[0].type === "block-scalar-header")
            oa -= token.props[0].source.length;
          for (const tok of end)
            tok.offset += oa;
          delete token.props;
          Object.assign(token, { type, source, end });
          break;
        }
        case "block-map":
        case "block-seq": {
          const offset = token.offset + source.length;
          const nl = { type: "newline", offset, indent: token.indent, source: "\n" };
          delete token.items;
          Object.assign(token, { type, source, end: [nl] });
          break;
        }
        default: {
          const indent = "indent" in token ? token.indent : -1;
          const end = "end" in token && Array.isArray(token.end) ? token.end.filter((st) => st.type === "space" || st.type === "comment" || st.type === "newline") : [];
          for (const key of Object.keys(token))
            if (key !== "type" && key !== "offset")
              delete token[key];
          Object.assign(token, { type, indent, source, end });
        }
      }
    }
    exports.createScalarToken = createScalarToken;
    exports.resolveAsScalar = resolveAsScalar;
    exports.setScalarValue = setScalarValue;
  }
});

// node_modules/yaml/dist/parse/cst-stringify.js
var require_cst_stringify = __commonJS({
  "node_modules/yaml/dist/parse/cst-stringify.js"(exports) {
    "use strict";
    var stringify = (cst) => "type" in cst ? stringifyToken(cst) : stringifyItem(cst);
    function stringifyToken(token) {
      switch (token.type) {
        case "block-scalar": {
          let res = "";
          for (const tok of token.props)
            res += stringifyToken(tok);
          return res + token.source;
        }
        case "block-map":
        case "block-seq": {
          let res = "";
          for (const item of token.items)
            res += stringifyItem(item);
          return res;
        }
        case "flow-collection": {
          let res = token.start.source;
          for (const item of token.items)
            res += stringifyItem(item);
          for (const st of token.end)
            res += st.source;
          return res;
        }
        case "document": {
          let res = stringifyItem(token);
          if (token.end)
            for (const st of token.end)
              res += st.source;
          return res;
        }
        default: {
          let res = token.source;
          if ("end" in token && token.end)
            for (const st of token.end)
              res += st.source;
          return res;
        }
      }
    }
    function stringifyItem({ start, key, sep, value }) {
      let res = "";
      for (const st of start)
        res += st.source;
      if (key)
        res += stringifyToken(key);
      if (sep)
        for (const st of sep)
          res += st.source;
      if (value)
        res += stringifyToken(value);
      return res;
    }
    exports.stringify = stringify;
  }
});

// node_modules/yaml/dist/parse/cst-visit.js
var require_cst_visit = __commonJS({
  "node_modules/yaml/dist/parse/cst-visit.js"(exports) {
    "use strict";
    var BREAK = /* @__PURE__ */ Symbol("break visit");
    var SKIP = /* @__PURE__ */ Symbol("skip children");
    var REMOVE = /* @__PURE__ */ Symbol("remove item");
    function visit(cst, visitor) {
      if ("type" in cst && cst.type === "document")
        cst = { start: cst.start, value: cst.value };
      _visit(Object.freeze([]), cst, visitor);
    }
    visit.BREAK = BREAK;
    visit.SKIP = SKIP;
    visit.REMOVE = REMOVE;
    visit.itemAtPath = (cst, path5) => {
      let item = cst;
      for (const [field, index] of path5) {
        const tok = item?.[field];
        if (tok && "items" in tok) {
          item = tok.items[index];
        } else
          return void 0;
      }
      return item;
    };
    visit.parentCollection = (cst, path5) => {
      const parent = visit.itemAtPath(cst, path5.slice(0, -1));
      const field = path5[path5.length - 1][0];
      const coll = parent?.[field];
      if (coll && "items" in coll)
        return coll;
      throw new Error("Parent collection not found");
    };
    function _visit(path5, item, visitor) {
      let ctrl = visitor(item, path5);
      if (typeof ctrl === "symbol")
        return ctrl;
      for (const field of ["key", "value"]) {
        const token = item[field];
        if (token && "items" in token) {
          for (let i = 0; i < token.items.length; ++i) {
            const ci = _visit(Object.freeze(path5.concat([[field, i]])), token.items[i], visitor);
            if (typeof ci === "number")
              i = ci - 1;
            else if (ci === BREAK)
              return BREAK;
            else if (ci === REMOVE) {
              token.items.splice(i, 1);
              i -= 1;
            }
          }
          if (typeof ctrl === "function" && field === "key")
            ctrl = ctrl(item, path5);
        }
      }
      return typeof ctrl === "function" ? ctrl(item, path5) : ctrl;
    }
    exports.visit = visit;
  }
});

// node_modules/yaml/dist/parse/cst.js
var require_cst = __commonJS({
  "node_modules/yaml/dist/parse/cst.js"(exports) {
    "use strict";
    var cstScalar = require_cst_scalar();
    var cstStringify = require_cst_stringify();
    var cstVisit = require_cst_visit();
    var BOM = "\uFEFF";
    var DOCUMENT = "";
    var FLOW_END = "";
    var SCALAR = "";
    var isCollection = (token) => !!token && "items" in token;
    var isScalar2 = (token) => !!token && (token.type === "scalar" || token.type === "single-quoted-scalar" || token.type === "double-quoted-scalar" || token.type === "block-scalar");
    function prettyToken(token) {
      switch (token) {
        case BOM:
          return "<BOM>";
        case DOCUMENT:
          return "<DOC>";
        case FLOW_END:
          return "<FLOW_END>";
        case SCALAR:
          return "<SCALAR>";
        default:
          return JSON.stringify(token);
      }
    }
    function tokenType(source) {
      switch (source) {
        case BOM:
          return "byte-order-mark";
        case DOCUMENT:
          return "doc-mode";
        case FLOW_END:
          return "flow-error-end";
        case SCALAR:
          return "scalar";
        case "---":
          return "doc-start";
        case "...":
          return "doc-end";
        case "":
        case "\n":
        case "\r\n":
          return "newline";
        case "-":
          return "seq-item-ind";
        case "?":
          return "explicit-key-ind";
        case ":":
          return "map-value-ind";
        case "{":
          return "flow-map-start";
        case "}":
          return "flow-map-end";
        case "[":
          return "flow-seq-start";
        case "]":
          return "flow-seq-end";
        case ",":
          return "comma";
      }
      switch (source[0]) {
        case " ":
        case "	":
          return "space";
        case "#":
          return "comment";
        case "%":
          return "directive-line";
        case "*":
          return "alias";
        case "&":
          return "anchor";
        case "!":
          return "tag";
        case "'":
          return "single-quoted-scalar";
        case '"':
          return "double-quoted-scalar";
        case "|":
        case ">":
          return "block-scalar-header";
      }
      return null;
    }
    exports.createScalarToken = cstScalar.createScalarToken;
    exports.resolveAsScalar = cstScalar.resolveAsScalar;
    exports.setScalarValue = cstScalar.setScalarValue;
    exports.stringify = cstStringify.stringify;
    exports.visit = cstVisit.visit;
    exports.BOM = BOM;
    exports.DOCUMENT = DOCUMENT;
    exports.FLOW_END = FLOW_END;
    exports.SCALAR = SCALAR;
    exports.isCollection = isCollection;
    exports.isScalar = isScalar2;
    exports.prettyToken = prettyToken;
    exports.tokenType = tokenType;
  }
});

// node_modules/yaml/dist/parse/lexer.js
var require_lexer = __commonJS({
  "node_modules/yaml/dist/parse/lexer.js"(exports) {
    "use strict";
    var cst = require_cst();
    function isEmpty(ch) {
      switch (ch) {
        case void 0:
        case " ":
        case "\n":
        case "\r":
        case "	":
          return true;
        default:
          return false;
      }
    }
    var hexDigits = new Set("0123456789ABCDEFabcdef");
    var tagChars = new Set("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-#;/?:@&=+$_.!~*'()");
    var flowIndicatorChars = new Set(",[]{}");
    var invalidAnchorChars = new Set(" ,[]{}\n\r	");
    var isNotAnchorChar = (ch) => !ch || invalidAnchorChars.has(ch);
    var Lexer = class {
      constructor() {
        this.atEnd = false;
        this.blockScalarIndent = -1;
        this.blockScalarKeep = false;
        this.buffer = "";
        this.flowKey = false;
        this.flowLevel = 0;
        this.indentNext = 0;
        this.indentValue = 0;
        this.lineEndPos = null;
        this.next = null;
        this.pos = 0;
      }
      /**
       * Generate YAML tokens from the `source` string. If `incomplete`,
       * a part of the last line may be left as a buffer for the next call.
       *
       * @returns A generator of lexical tokens
       */
      *lex(source, incomplete = false) {
        if (source) {
          if (typeof source !== "string")
            throw TypeError("source is not a string");
          this.buffer = this.buffer ? this.buffer + source : source;
          this.lineEndPos = null;
        }
        this.atEnd = !incomplete;
        let next = this.next ?? "stream";
        while (next && (incomplete || this.hasChars(1)))
          next = yield* this.parseNext(next);
      }
      atLineEnd() {
        let i = this.pos;
        let ch = this.buffer[i];
        while (ch === " " || ch === "	")
          ch = this.buffer[++i];
        if (!ch || ch === "#" || ch === "\n")
          return true;
        if (ch === "\r")
          return this.buffer[i + 1] === "\n";
        return false;
      }
      charAt(n) {
        return this.buffer[this.pos + n];
      }
      continueScalar(offset) {
        let ch = this.buffer[offset];
        if (this.indentNext > 0) {
          let indent = 0;
          while (ch === " ")
            ch = this.buffer[++indent + offset];
          if (ch === "\r") {
            const next = this.buffer[indent + offset + 1];
            if (next === "\n" || !next && !this.atEnd)
              return offset + indent + 1;
          }
          return ch === "\n" || indent >= this.indentNext || !ch && !this.atEnd ? offset + indent : -1;
        }
        if (ch === "-" || ch === ".") {
          const dt = this.buffer.substr(offset, 3);
          if ((dt === "---" || dt === "...") && isEmpty(this.buffer[offset + 3]))
            return -1;
        }
        return offset;
      }
      getLine() {
        let end = this.lineEndPos;
        if (typeof end !== "number" || end !== -1 && end < this.pos) {
          end = this.buffer.indexOf("\n", this.pos);
          this.lineEndPos = end;
        }
        if (end === -1)
          return this.atEnd ? this.buffer.substring(this.pos) : null;
        if (this.buffer[end - 1] === "\r")
          end -= 1;
        return this.buffer.substring(this.pos, end);
      }
      hasChars(n) {
        return this.pos + n <= this.buffer.length;
      }
      setNext(state) {
        this.buffer = this.buffer.substring(this.pos);
        this.pos = 0;
        this.lineEndPos = null;
        this.next = state;
        return null;
      }
      peek(n) {
        return this.buffer.substr(this.pos, n);
      }
      *parseNext(next) {
        switch (next) {
          case "stream":
            return yield* this.parseStream();
          case "line-start":
            return yield* this.parseLineStart();
          case "block-start":
            return yield* this.parseBlockStart();
          case "doc":
            return yield* this.parseDocument();
          case "flow":
            return yield* this.parseFlowCollection();
          case "quoted-scalar":
            return yield* this.parseQuotedScalar();
          case "block-scalar":
            return yield* this.parseBlockScalar();
          case "plain-scalar":
            return yield* this.parsePlainScalar();
        }
      }
      *parseStream() {
        let line = this.getLine();
        if (line === null)
          return this.setNext("stream");
        if (line[0] === cst.BOM) {
          yield* this.pushCount(1);
          line = line.substring(1);
        }
        if (line[0] === "%") {
          let dirEnd = line.length;
          let cs = line.indexOf("#");
          while (cs !== -1) {
            const ch = line[cs - 1];
            if (ch === " " || ch === "	") {
              dirEnd = cs - 1;
              break;
            } else {
              cs = line.indexOf("#", cs + 1);
            }
          }
          while (true) {
            const ch = line[dirEnd - 1];
            if (ch === " " || ch === "	")
              dirEnd -= 1;
            else
              break;
          }
          const n = (yield* this.pushCount(dirEnd)) + (yield* this.pushSpaces(true));
          yield* this.pushCount(line.length - n);
          this.pushNewline();
          return "stream";
        }
        if (this.atLineEnd()) {
          const sp = yield* this.pushSpaces(true);
          yield* this.pushCount(line.length - sp);
          yield* this.pushNewline();
          return "stream";
        }
        yield cst.DOCUMENT;
        return yield* this.parseLineStart();
      }
      *parseLineStart() {
        const ch = this.charAt(0);
        if (!ch && !this.atEnd)
          return this.setNext("line-start");
        if (ch === "-" || ch === ".") {
          if (!this.atEnd && !this.hasChars(4))
            return this.setNext("line-start");
          const s = this.peek(3);
          if ((s === "---" || s === "...") && isEmpty(this.charAt(3))) {
            yield* this.pushCount(3);
            this.indentValue = 0;
            this.indentNext = 0;
            return s === "---" ? "doc" : "stream";
          }
        }
        this.indentValue = yield* this.pushSpaces(false);
        if (this.indentNext > this.indentValue && !isEmpty(this.charAt(1)))
          this.indentNext = this.indentValue;
        return yield* this.parseBlockStart();
      }
      *parseBlockStart() {
        const [ch0, ch1] = this.peek(2);
        if (!ch1 && !this.atEnd)
          return this.setNext("block-start");
        if ((ch0 === "-" || ch0 === "?" || ch0 === ":") && isEmpty(ch1)) {
          const n = (yield* this.pushCount(1)) + (yield* this.pushSpaces(true));
          this.indentNext = this.indentValue + 1;
          this.indentValue += n;
          return "block-start";
        }
        return "doc";
      }
      *parseDocument() {
        yield* this.pushSpaces(true);
        const line = this.getLine();
        if (line === null)
          return this.setNext("doc");
        let n = yield* this.pushIndicators();
        switch (line[n]) {
          case "#":
            yield* this.pushCount(line.length - n);
          // fallthrough
          case void 0:
            yield* this.pushNewline();
            return yield* this.parseLineStart();
          case "{":
          case "[":
            yield* this.pushCount(1);
            this.flowKey = false;
            this.flowLevel = 1;
            return "flow";
          case "}":
          case "]":
            yield* this.pushCount(1);
            return "doc";
          case "*":
            yield* this.pushUntil(isNotAnchorChar);
            return "doc";
          case '"':
          case "'":
            return yield* this.parseQuotedScalar();
          case "|":
          case ">":
            n += yield* this.parseBlockScalarHeader();
            n += yield* this.pushSpaces(true);
            yield* this.pushCount(line.length - n);
            yield* this.pushNewline();
            return yield* this.parseBlockScalar();
          default:
            return yield* this.parsePlainScalar();
        }
      }
      *parseFlowCollection() {
        let nl, sp;
        let indent = -1;
        do {
          nl = yield* this.pushNewline();
          if (nl > 0) {
            sp = yield* this.pushSpaces(false);
            this.indentValue = indent = sp;
          } else {
            sp = 0;
          }
          sp += yield* this.pushSpaces(true);
        } while (nl + sp > 0);
        const line = this.getLine();
        if (line === null)
          return this.setNext("flow");
        if (indent !== -1 && indent < this.indentNext && line[0] !== "#" || indent === 0 && (line.startsWith("---") || line.startsWith("...")) && isEmpty(line[3])) {
          const atFlowEndMarker = indent === this.indentNext - 1 && this.flowLevel === 1 && (line[0] === "]" || line[0] === "}");
          if (!atFlowEndMarker) {
            this.flowLevel = 0;
            yield cst.FLOW_END;
            return yield* this.parseLineStart();
          }
        }
        let n = 0;
        while (line[n] === ",") {
          n += yield* this.pushCount(1);
          n += yield* this.pushSpaces(true);
          this.flowKey = false;
        }
        n += yield* this.pushIndicators();
        switch (line[n]) {
          case void 0:
            return "flow";
          case "#":
            yield* this.pushCount(line.length - n);
            return "flow";
          case "{":
          case "[":
            yield* this.pushCount(1);
            this.flowKey = false;
            this.flowLevel += 1;
            return "flow";
          case "}":
          case "]":
            yield* this.pushCount(1);
            this.flowKey = true;
            this.flowLevel -= 1;
            return this.flowLevel ? "flow" : "doc";
          case "*":
            yield* this.pushUntil(isNotAnchorChar);
            return "flow";
          case '"':
          case "'":
            this.flowKey = true;
            return yield* this.parseQuotedScalar();
          case ":": {
            const next = this.charAt(1);
            if (this.flowKey || isEmpty(next) || next === ",") {
              this.flowKey = false;
              yield* this.pushCount(1);
              yield* this.pushSpaces(true);
              return "flow";
            }
          }
          // fallthrough
          default:
            this.flowKey = false;
            return yield* this.parsePlainScalar();
        }
      }
      *parseQuotedScalar() {
        const quote = this.charAt(0);
        let end = this.buffer.indexOf(quote, this.pos + 1);
        if (quote === "'") {
          while (end !== -1 && this.buffer[end + 1] === "'")
            end = this.buffer.indexOf("'", end + 2);
        } else {
          while (end !== -1) {
            let n = 0;
            while (this.buffer[end - 1 - n] === "\\")
              n += 1;
            if (n % 2 === 0)
              break;
            end = this.buffer.indexOf('"', end + 1);
          }
        }
        const qb = this.buffer.substring(0, end);
        let nl = qb.indexOf("\n", this.pos);
        if (nl !== -1) {
          while (nl !== -1) {
            const cs = this.continueScalar(nl + 1);
            if (cs === -1)
              break;
            nl = qb.indexOf("\n", cs);
          }
          if (nl !== -1) {
            end = nl - (qb[nl - 1] === "\r" ? 2 : 1);
          }
        }
        if (end === -1) {
          if (!this.atEnd)
            return this.setNext("quoted-scalar");
          end = this.buffer.length;
        }
        yield* this.pushToIndex(end + 1, false);
        return this.flowLevel ? "flow" : "doc";
      }
      *parseBlockScalarHeader() {
        this.blockScalarIndent = -1;
        this.blockScalarKeep = false;
        let i = this.pos;
        while (true) {
          const ch = this.buffer[++i];
          if (ch === "+")
            this.blockScalarKeep = true;
          else if (ch > "0" && ch <= "9")
            this.blockScalarIndent = Number(ch) - 1;
          else if (ch !== "-")
            break;
        }
        return yield* this.pushUntil((ch) => isEmpty(ch) || ch === "#");
      }
      *parseBlockScalar() {
        let nl = this.pos - 1;
        let indent = 0;
        let ch;
        loop: for (let i2 = this.pos; ch = this.buffer[i2]; ++i2) {
          switch (ch) {
            case " ":
              indent += 1;
              break;
            case "\n":
              nl = i2;
              indent = 0;
              break;
            case "\r": {
              const next = this.buffer[i2 + 1];
              if (!next && !this.atEnd)
                return this.setNext("block-scalar");
              if (next === "\n")
                break;
            }
            // fallthrough
            default:
              break loop;
          }
        }
        if (!ch && !this.atEnd)
          return this.setNext("block-scalar");
        if (indent >= this.indentNext) {
          if (this.blockScalarIndent === -1)
            this.indentNext = indent;
          else {
            this.indentNext = this.blockScalarIndent + (this.indentNext === 0 ? 1 : this.indentNext);
          }
          do {
            const cs = this.continueScalar(nl + 1);
            if (cs === -1)
              break;
            nl = this.buffer.indexOf("\n", cs);
          } while (nl !== -1);
          if (nl === -1) {
            if (!this.atEnd)
              return this.setNext("block-scalar");
            nl = this.buffer.length;
          }
        }
        let i = nl + 1;
        ch = this.buffer[i];
        while (ch === " ")
          ch = this.buffer[++i];
        if (ch === "	") {
          while (ch === "	" || ch === " " || ch === "\r" || ch === "\n")
            ch = this.buffer[++i];
          nl = i - 1;
        } else if (!this.blockScalarKeep) {
          do {
            let i2 = nl - 1;
            let ch2 = this.buffer[i2];
            if (ch2 === "\r")
              ch2 = this.buffer[--i2];
            const lastChar = i2;
            while (ch2 === " ")
              ch2 = this.buffer[--i2];
            if (ch2 === "\n" && i2 >= this.pos && i2 + 1 + indent > lastChar)
              nl = i2;
            else
              break;
          } while (true);
        }
        yield cst.SCALAR;
        yield* this.pushToIndex(nl + 1, true);
        return yield* this.parseLineStart();
      }
      *parsePlainScalar() {
        const inFlow = this.flowLevel > 0;
        let end = this.pos - 1;
        let i = this.pos - 1;
        let ch;
        while (ch = this.buffer[++i]) {
          if (ch === ":") {
            const next = this.buffer[i + 1];
            if (isEmpty(next) || inFlow && flowIndicatorChars.has(next))
              break;
            end = i;
          } else if (isEmpty(ch)) {
            let next = this.buffer[i + 1];
            if (ch === "\r") {
              if (next === "\n") {
                i += 1;
                ch = "\n";
                next = this.buffer[i + 1];
              } else
                end = i;
            }
            if (next === "#" || inFlow && flowIndicatorChars.has(next))
              break;
            if (ch === "\n") {
              const cs = this.continueScalar(i + 1);
              if (cs === -1)
                break;
              i = Math.max(i, cs - 2);
            }
          } else {
            if (inFlow && flowIndicatorChars.has(ch))
              break;
            end = i;
          }
        }
        if (!ch && !this.atEnd)
          return this.setNext("plain-scalar");
        yield cst.SCALAR;
        yield* this.pushToIndex(end + 1, true);
        return inFlow ? "flow" : "doc";
      }
      *pushCount(n) {
        if (n > 0) {
          yield this.buffer.substr(this.pos, n);
          this.pos += n;
          return n;
        }
        return 0;
      }
      *pushToIndex(i, allowEmpty) {
        const s = this.buffer.slice(this.pos, i);
        if (s) {
          yield s;
          this.pos += s.length;
          return s.length;
        } else if (allowEmpty)
          yield "";
        return 0;
      }
      *pushIndicators() {
        let n = 0;
        loop: while (true) {
          switch (this.charAt(0)) {
            case "!":
              n += yield* this.pushTag();
              n += yield* this.pushSpaces(true);
              continue loop;
            case "&":
              n += yield* this.pushUntil(isNotAnchorChar);
              n += yield* this.pushSpaces(true);
              continue loop;
            case "-":
            // this is an error
            case "?":
            // this is an error outside flow collections
            case ":": {
              const inFlow = this.flowLevel > 0;
              const ch1 = this.charAt(1);
              if (isEmpty(ch1) || inFlow && flowIndicatorChars.has(ch1)) {
                if (!inFlow)
                  this.indentNext = this.indentValue + 1;
                else if (this.flowKey)
                  this.flowKey = false;
                n += yield* this.pushCount(1);
                n += yield* this.pushSpaces(true);
                continue loop;
              }
            }
          }
          break loop;
        }
        return n;
      }
      *pushTag() {
        if (this.charAt(1) === "<") {
          let i = this.pos + 2;
          let ch = this.buffer[i];
          while (!isEmpty(ch) && ch !== ">")
            ch = this.buffer[++i];
          return yield* this.pushToIndex(ch === ">" ? i + 1 : i, false);
        } else {
          let i = this.pos + 1;
          let ch = this.buffer[i];
          while (ch) {
            if (tagChars.has(ch))
              ch = this.buffer[++i];
            else if (ch === "%" && hexDigits.has(this.buffer[i + 1]) && hexDigits.has(this.buffer[i + 2])) {
              ch = this.buffer[i += 3];
            } else
              break;
          }
          return yield* this.pushToIndex(i, false);
        }
      }
      *pushNewline() {
        const ch = this.buffer[this.pos];
        if (ch === "\n")
          return yield* this.pushCount(1);
        else if (ch === "\r" && this.charAt(1) === "\n")
          return yield* this.pushCount(2);
        else
          return 0;
      }
      *pushSpaces(allowTabs) {
        let i = this.pos - 1;
        let ch;
        do {
          ch = this.buffer[++i];
        } while (ch === " " || allowTabs && ch === "	");
        const n = i - this.pos;
        if (n > 0) {
          yield this.buffer.substr(this.pos, n);
          this.pos = i;
        }
        return n;
      }
      *pushUntil(test) {
        let i = this.pos;
        let ch = this.buffer[i];
        while (!test(ch))
          ch = this.buffer[++i];
        return yield* this.pushToIndex(i, false);
      }
    };
    exports.Lexer = Lexer;
  }
});

// node_modules/yaml/dist/parse/line-counter.js
var require_line_counter = __commonJS({
  "node_modules/yaml/dist/parse/line-counter.js"(exports) {
    "use strict";
    var LineCounter2 = class {
      constructor() {
        this.lineStarts = [];
        this.addNewLine = (offset) => this.lineStarts.push(offset);
        this.linePos = (offset) => {
          let low = 0;
          let high = this.lineStarts.length;
          while (low < high) {
            const mid = low + high >> 1;
            if (this.lineStarts[mid] < offset)
              low = mid + 1;
            else
              high = mid;
          }
          if (this.lineStarts[low] === offset)
            return { line: low + 1, col: 1 };
          if (low === 0)
            return { line: 0, col: offset };
          const start = this.lineStarts[low - 1];
          return { line: low, col: offset - start + 1 };
        };
      }
    };
    exports.LineCounter = LineCounter2;
  }
});

// node_modules/yaml/dist/parse/parser.js
var require_parser = __commonJS({
  "node_modules/yaml/dist/parse/parser.js"(exports) {
    "use strict";
    var node_process = __require("process");
    var cst = require_cst();
    var lexer = require_lexer();
    function includesToken(list, type) {
      for (let i = 0; i < list.length; ++i)
        if (list[i].type === type)
          return true;
      return false;
    }
    function findNonEmptyIndex(list) {
      for (let i = 0; i < list.length; ++i) {
        switch (list[i].type) {
          case "space":
          case "comment":
          case "newline":
            break;
          default:
            return i;
        }
      }
      return -1;
    }
    function isFlowToken(token) {
      switch (token?.type) {
        case "alias":
        case "scalar":
        case "single-quoted-scalar":
        case "double-quoted-scalar":
        case "flow-collection":
          return true;
        default:
          return false;
      }
    }
    function getPrevProps(parent) {
      switch (parent.type) {
        case "document":
          return parent.start;
        case "block-map": {
          const it = parent.items[parent.items.length - 1];
          return it.sep ?? it.start;
        }
        case "block-seq":
          return parent.items[parent.items.length - 1].start;
        /* istanbul ignore next should not happen */
        default:
          return [];
      }
    }
    function getFirstKeyStartProps(prev) {
      if (prev.length === 0)
        return [];
      let i = prev.length;
      loop: while (--i >= 0) {
        switch (prev[i].type) {
          case "doc-start":
          case "explicit-key-ind":
          case "map-value-ind":
          case "seq-item-ind":
          case "newline":
            break loop;
        }
      }
      while (prev[++i]?.type === "space") {
      }
      return prev.splice(i, prev.length);
    }
    function arrayPushArray(target, source) {
      if (source.length < 1e5)
        Array.prototype.push.apply(target, source);
      else
        for (let i = 0; i < source.length; ++i)
          target.push(source[i]);
    }
    function fixFlowSeqItems(fc) {
      if (fc.start.type === "flow-seq-start") {
        for (const it of fc.items) {
          if (it.sep && !it.value && !includesToken(it.start, "explicit-key-ind") && !includesToken(it.sep, "map-value-ind")) {
            if (it.key)
              it.value = it.key;
            delete it.key;
            if (isFlowToken(it.value)) {
              if (it.value.end)
                arrayPushArray(it.value.end, it.sep);
              else
                it.value.end = it.sep;
            } else
              arrayPushArray(it.start, it.sep);
            delete it.sep;
          }
        }
      }
    }
    var Parser = class {
      /**
       * @param onNewLine - If defined, called separately with the start position of
       *   each new line (in `parse()`, including the start of input).
       */
      constructor(onNewLine) {
        this.atNewLine = true;
        this.atScalar = false;
        this.indent = 0;
        this.offset = 0;
        this.onKeyLine = false;
        this.stack = [];
        this.source = "";
        this.type = "";
        this.lexer = new lexer.Lexer();
        this.onNewLine = onNewLine;
      }
      /**
       * Parse `source` as a YAML stream.
       * If `incomplete`, a part of the last line may be left as a buffer for the next call.
       *
       * Errors are not thrown, but yielded as `{ type: 'error', message }` tokens.
       *
       * @returns A generator of tokens representing each directive, document, and other structure.
       */
      *parse(source, incomplete = false) {
        if (this.onNewLine && this.offset === 0)
          this.onNewLine(0);
        for (const lexeme of this.lexer.lex(source, incomplete))
          yield* this.next(lexeme);
        if (!incomplete)
          yield* this.end();
      }
      /**
       * Advance the parser by the `source` of one lexical token.
       */
      *next(source) {
        this.source = source;
        if (node_process.env.LOG_TOKENS)
          console.log("|", cst.prettyToken(source));
        if (this.atScalar) {
          this.atScalar = false;
          yield* this.step();
          this.offset += source.length;
          return;
        }
        const type = cst.tokenType(source);
        if (!type) {
          const message = `Not a YAML token: ${source}`;
          yield* this.pop({ type: "error", offset: this.offset, message, source });
          this.offset += source.length;
        } else if (type === "scalar") {
          this.atNewLine = false;
          this.atScalar = true;
          this.type = "scalar";
        } else {
          this.type = type;
          yield* this.step();
          switch (type) {
            case "newline":
              this.atNewLine = true;
              this.indent = 0;
              if (this.onNewLine)
                this.onNewLine(this.offset + source.length);
              break;
            case "space":
              if (this.atNewLine && source[0] === " ")
                this.indent += source.length;
              break;
            case "explicit-key-ind":
            case "map-value-ind":
            case "seq-item-ind":
              if (this.atNewLine)
                this.indent += source.length;
              break;
            case "doc-mode":
            case "flow-error-end":
              return;
            default:
              this.atNewLine = false;
          }
          this.offset += source.length;
        }
      }
      /** Call at end of input to push out any remaining constructions */
      *end() {
        while (this.stack.length > 0)
          yield* this.pop();
      }
      get sourceToken() {
        const st = {
          type: this.type,
          offset: this.offset,
          indent: this.indent,
          source: this.source
        };
        return st;
      }
      *step() {
        const top = this.peek(1);
        if (this.type === "doc-end" && top?.type !== "doc-end") {
          while (this.stack.length > 0)
            yield* this.pop();
          this.stack.push({
            type: "doc-end",
            offset: this.offset,
            source: this.source
          });
          return;
        }
        if (!top)
          return yield* this.stream();
        switch (top.type) {
          case "document":
            return yield* this.document(top);
          case "alias":
          case "scalar":
          case "single-quoted-scalar":
          case "double-quoted-scalar":
            return yield* this.scalar(top);
          case "block-scalar":
            return yield* this.blockScalar(top);
          case "block-map":
            return yield* this.blockMap(top);
          case "block-seq":
            return yield* this.blockSequence(top);
          case "flow-collection":
            return yield* this.flowCollection(top);
          case "doc-end":
            return yield* this.documentEnd(top);
        }
        yield* this.pop();
      }
      peek(n) {
        return this.stack[this.stack.length - n];
      }
      *pop(error) {
        const token = error ?? this.stack.pop();
        if (!token) {
          const message = "Tried to pop an empty stack";
          yield { type: "error", offset: this.offset, source: "", message };
        } else if (this.stack.length === 0) {
          yield token;
        } else {
          const top = this.peek(1);
          if (token.type === "block-scalar") {
            token.indent = "indent" in top ? top.indent : 0;
          } else if (token.type === "flow-collection" && top.type === "document") {
            token.indent = 0;
          }
          if (token.type === "flow-collection")
            fixFlowSeqItems(token);
          switch (top.type) {
            case "document":
              top.value = token;
              break;
            case "block-scalar":
              top.props.push(token);
              break;
            case "block-map": {
              const it = top.items[top.items.length - 1];
              if (it.value) {
                top.items.push({ start: [], key: token, sep: [] });
                this.onKeyLine = true;
                return;
              } else if (it.sep) {
                it.value = token;
              } else {
                Object.assign(it, { key: token, sep: [] });
                this.onKeyLine = !it.explicitKey;
                return;
              }
              break;
            }
            case "block-seq": {
              const it = top.items[top.items.length - 1];
              if (it.value)
                top.items.push({ start: [], value: token });
              else
                it.value = token;
              break;
            }
            case "flow-collection": {
              const it = top.items[top.items.length - 1];
              if (!it || it.value)
                top.items.push({ start: [], key: token, sep: [] });
              else if (it.sep)
                it.value = token;
              else
                Object.assign(it, { key: token, sep: [] });
              return;
            }
            /* istanbul ignore next should not happen */
            default:
              yield* this.pop();
              yield* this.pop(token);
          }
          if ((top.type === "document" || top.type === "block-map" || top.type === "block-seq") && (token.type === "block-map" || token.type === "block-seq")) {
            const last = token.items[token.items.length - 1];
            if (last && !last.sep && !last.value && last.start.length > 0 && findNonEmptyIndex(last.start) === -1 && (token.indent === 0 || last.start.every((st) => st.type !== "comment" || st.indent < token.indent))) {
              if (top.type === "document")
                top.end = last.start;
              else
                top.items.push({ start: last.start });
              token.items.splice(-1, 1);
            }
          }
        }
      }
      *stream() {
        switch (this.type) {
          case "directive-line":
            yield { type: "directive", offset: this.offset, source: this.source };
            return;
          case "byte-order-mark":
          case "space":
          case "comment":
          case "newline":
            yield this.sourceToken;
            return;
          case "doc-mode":
          case "doc-start": {
            const doc = {
              type: "document",
              offset: this.offset,
              start: []
            };
            if (this.type === "doc-start")
              doc.start.push(this.sourceToken);
            this.stack.push(doc);
            return;
          }
        }
        yield {
          type: "error",
          offset: this.offset,
          message: `Unexpected ${this.type} token in YAML stream`,
          source: this.source
        };
      }
      *document(doc) {
        if (doc.value)
          return yield* this.lineEnd(doc);
        switch (this.type) {
          case "doc-start": {
            if (findNonEmptyIndex(doc.start) !== -1) {
              yield* this.pop();
              yield* this.step();
            } else
              doc.start.push(this.sourceToken);
            return;
          }
          case "anchor":
          case "tag":
          case "space":
          case "comment":
          case "newline":
            doc.start.push(this.sourceToken);
            return;
        }
        const bv = this.startBlockValue(doc);
        if (bv)
          this.stack.push(bv);
        else {
          yield {
            type: "error",
            offset: this.offset,
            message: `Unexpected ${this.type} token in YAML document`,
            source: this.source
          };
        }
      }
      *scalar(scalar2) {
        if (this.type === "map-value-ind") {
          const prev = getPrevProps(this.peek(2));
          const start = getFirstKeyStartProps(prev);
          let sep;
          if (scalar2.end) {
            sep = scalar2.end;
            sep.push(this.sourceToken);
            delete scalar2.end;
          } else
            sep = [this.sourceToken];
          const map = {
            type: "block-map",
            offset: scalar2.offset,
            indent: scalar2.indent,
            items: [{ start, key: scalar2, sep }]
          };
          this.onKeyLine = true;
          this.stack[this.stack.length - 1] = map;
        } else
          yield* this.lineEnd(scalar2);
      }
      *blockScalar(scalar2) {
        switch (this.type) {
          case "space":
          case "comment":
          case "newline":
            scalar2.props.push(this.sourceToken);
            return;
          case "scalar":
            scalar2.source = this.source;
            this.atNewLine = true;
            this.indent = 0;
            if (this.onNewLine) {
              let nl = this.source.indexOf("\n") + 1;
              while (nl !== 0) {
                this.onNewLine(this.offset + nl);
                nl = this.source.indexOf("\n", nl) + 1;
              }
            }
            yield* this.pop();
            break;
          /* istanbul ignore next should not happen */
          default:
            yield* this.pop();
            yield* this.step();
        }
      }
      *blockMap(map) {
        const it = map.items[map.items.length - 1];
        switch (this.type) {
          case "newline":
            this.onKeyLine = false;
            if (it.value) {
              const end = "end" in it.value ? it.value.end : void 0;
              const last = Array.isArray(end) ? end[end.length - 1] : void 0;
              if (last?.type === "comment")
                end?.push(this.sourceToken);
              else
                map.items.push({ start: [this.sourceToken] });
            } else if (it.sep) {
              it.sep.push(this.sourceToken);
            } else {
              it.start.push(this.sourceToken);
            }
            return;
          case "space":
          case "comment":
            if (it.value) {
              map.items.push({ start: [this.sourceToken] });
            } else if (it.sep) {
              it.sep.push(this.sourceToken);
            } else {
              if (this.atIndentedComment(it.start, map.indent)) {
                const prev = map.items[map.items.length - 2];
                const end = prev?.value?.end;
                if (Array.isArray(end)) {
                  arrayPushArray(end, it.start);
                  end.push(this.sourceToken);
                  map.items.pop();
                  return;
                }
              }
              it.start.push(this.sourceToken);
            }
            return;
        }
        if (this.indent >= map.indent) {
          const atMapIndent = !this.onKeyLine && this.indent === map.indent;
          const atNextItem = atMapIndent && (it.sep || it.explicitKey) && this.type !== "seq-item-ind";
          let start = [];
          if (atNextItem && it.sep && !it.value) {
            const nl = [];
            for (let i = 0; i < it.sep.length; ++i) {
              const st = it.sep[i];
              switch (st.type) {
                case "newline":
                  nl.push(i);
                  break;
                case "space":
                  break;
                case "comment":
                  if (st.indent > map.indent)
                    nl.length = 0;
                  break;
                default:
                  nl.length = 0;
              }
            }
            if (nl.length >= 2)
              start = it.sep.splice(nl[1]);
          }
          switch (this.type) {
            case "anchor":
            case "tag":
              if (atNextItem || it.value) {
                start.push(this.sourceToken);
                map.items.push({ start });
                this.onKeyLine = true;
              } else if (it.sep) {
                it.sep.push(this.sourceToken);
              } else {
                it.start.push(this.sourceToken);
              }
              return;
            case "explicit-key-ind":
              if (!it.sep && !it.explicitKey) {
                it.start.push(this.sourceToken);
                it.explicitKey = true;
              } else if (atNextItem || it.value) {
                start.push(this.sourceToken);
                map.items.push({ start, explicitKey: true });
              } else {
                this.stack.push({
                  type: "block-map",
                  offset: this.offset,
                  indent: this.indent,
                  items: [{ start: [this.sourceToken], explicitKey: true }]
                });
              }
              this.onKeyLine = true;
              return;
            case "map-value-ind":
              if (it.explicitKey) {
                if (!it.sep) {
                  if (includesToken(it.start, "newline")) {
                    Object.assign(it, { key: null, sep: [this.sourceToken] });
                  } else {
                    const start2 = getFirstKeyStartProps(it.start);
                    this.stack.push({
                      type: "block-map",
                      offset: this.offset,
                      indent: this.indent,
                      items: [{ start: start2, key: null, sep: [this.sourceToken] }]
                    });
                  }
                } else if (it.value) {
                  map.items.push({ start: [], key: null, sep: [this.sourceToken] });
                } else if (includesToken(it.sep, "map-value-ind")) {
                  this.stack.push({
                    type: "block-map",
                    offset: this.offset,
                    indent: this.indent,
                    items: [{ start, key: null, sep: [this.sourceToken] }]
                  });
                } else if (isFlowToken(it.key) && !includesToken(it.sep, "newline")) {
                  const start2 = getFirstKeyStartProps(it.start);
                  const key = it.key;
                  const sep = it.sep;
                  sep.push(this.sourceToken);
                  delete it.key;
                  delete it.sep;
                  this.stack.push({
                    type: "block-map",
                    offset: this.offset,
                    indent: this.indent,
                    items: [{ start: start2, key, sep }]
                  });
                } else if (start.length > 0) {
                  it.sep = it.sep.concat(start, this.sourceToken);
                } else {
                  it.sep.push(this.sourceToken);
                }
              } else {
                if (!it.sep) {
                  Object.assign(it, { key: null, sep: [this.sourceToken] });
                } else if (it.value || atNextItem) {
                  map.items.push({ start, key: null, sep: [this.sourceToken] });
                } else if (includesToken(it.sep, "map-value-ind")) {
                  this.stack.push({
                    type: "block-map",
                    offset: this.offset,
                    indent: this.indent,
                    items: [{ start: [], key: null, sep: [this.sourceToken] }]
                  });
                } else {
                  it.sep.push(this.sourceToken);
                }
              }
              this.onKeyLine = true;
              return;
            case "alias":
            case "scalar":
            case "single-quoted-scalar":
            case "double-quoted-scalar": {
              const fs = this.flowScalar(this.type);
              if (atNextItem || it.value) {
                map.items.push({ start, key: fs, sep: [] });
                this.onKeyLine = true;
              } else if (it.sep) {
                this.stack.push(fs);
              } else {
                Object.assign(it, { key: fs, sep: [] });
                this.onKeyLine = true;
              }
              return;
            }
            default: {
              const bv = this.startBlockValue(map);
              if (bv) {
                if (bv.type === "block-seq") {
                  if (!it.explicitKey && it.sep && !includesToken(it.sep, "newline")) {
                    yield* this.pop({
                      type: "error",
                      offset: this.offset,
                      message: "Unexpected block-seq-ind on same line with key",
                      source: this.source
                    });
                    return;
                  }
                } else if (atMapIndent) {
                  map.items.push({ start });
                }
                this.stack.push(bv);
                return;
              }
            }
          }
        }
        yield* this.pop();
        yield* this.step();
      }
      *blockSequence(seq) {
        const it = seq.items[seq.items.length - 1];
        switch (this.type) {
          case "newline":
            if (it.value) {
              const end = "end" in it.value ? it.value.end : void 0;
              const last = Array.isArray(end) ? end[end.length - 1] : void 0;
              if (last?.type === "comment")
                end?.push(this.sourceToken);
              else
                seq.items.push({ start: [this.sourceToken] });
            } else
              it.start.push(this.sourceToken);
            return;
          case "space":
          case "comment":
            if (it.value)
              seq.items.push({ start: [this.sourceToken] });
            else {
              if (this.atIndentedComment(it.start, seq.indent)) {
                const prev = seq.items[seq.items.length - 2];
                const end = prev?.value?.end;
                if (Array.isArray(end)) {
                  arrayPushArray(end, it.start);
                  end.push(this.sourceToken);
                  seq.items.pop();
                  return;
                }
              }
              it.start.push(this.sourceToken);
            }
            return;
          case "anchor":
          case "tag":
            if (it.value || this.indent <= seq.indent)
              break;
            it.start.push(this.sourceToken);
            return;
          case "seq-item-ind":
            if (this.indent !== seq.indent)
              break;
            if (it.value || includesToken(it.start, "seq-item-ind"))
              seq.items.push({ start: [this.sourceToken] });
            else
              it.start.push(this.sourceToken);
            return;
        }
        if (this.indent > seq.indent) {
          const bv = this.startBlockValue(seq);
          if (bv) {
            this.stack.push(bv);
            return;
          }
        }
        yield* this.pop();
        yield* this.step();
      }
      *flowCollection(fc) {
        const it = fc.items[fc.items.length - 1];
        if (this.type === "flow-error-end") {
          let top;
          do {
            yield* this.pop();
            top = this.peek(1);
          } while (top?.type === "flow-collection");
        } else if (fc.end.length === 0) {
          switch (this.type) {
            case "comma":
            case "explicit-key-ind":
              if (!it || it.sep)
                fc.items.push({ start: [this.sourceToken] });
              else
                it.start.push(this.sourceToken);
              return;
            case "map-value-ind":
              if (!it || it.value)
                fc.items.push({ start: [], key: null, sep: [this.sourceToken] });
              else if (it.sep)
                it.sep.push(this.sourceToken);
              else
                Object.assign(it, { key: null, sep: [this.sourceToken] });
              return;
            case "space":
            case "comment":
            case "newline":
            case "anchor":
            case "tag":
              if (!it || it.value)
                fc.items.push({ start: [this.sourceToken] });
              else if (it.sep)
                it.sep.push(this.sourceToken);
              else
                it.start.push(this.sourceToken);
              return;
            case "alias":
            case "scalar":
            case "single-quoted-scalar":
            case "double-quoted-scalar": {
              const fs = this.flowScalar(this.type);
              if (!it || it.value)
                fc.items.push({ start: [], key: fs, sep: [] });
              else if (it.sep)
                this.stack.push(fs);
              else
                Object.assign(it, { key: fs, sep: [] });
              return;
            }
            case "flow-map-end":
            case "flow-seq-end":
              fc.end.push(this.sourceToken);
              return;
          }
          const bv = this.startBlockValue(fc);
          if (bv)
            this.stack.push(bv);
          else {
            yield* this.pop();
            yield* this.step();
          }
        } else {
          const parent = this.peek(2);
          if (parent.type === "block-map" && (this.type === "map-value-ind" && parent.indent === fc.indent || this.type === "newline" && !parent.items[parent.items.length - 1].sep)) {
            yield* this.pop();
            yield* this.step();
          } else if (this.type === "map-value-ind" && parent.type !== "flow-collection") {
            const prev = getPrevProps(parent);
            const start = getFirstKeyStartProps(prev);
            fixFlowSeqItems(fc);
            const sep = fc.end.splice(1, fc.end.length);
            sep.push(this.sourceToken);
            const map = {
              type: "block-map",
              offset: fc.offset,
              indent: fc.indent,
              items: [{ start, key: fc, sep }]
            };
            this.onKeyLine = true;
            this.stack[this.stack.length - 1] = map;
          } else {
            yield* this.lineEnd(fc);
          }
        }
      }
      flowScalar(type) {
        if (this.onNewLine) {
          let nl = this.source.indexOf("\n") + 1;
          while (nl !== 0) {
            this.onNewLine(this.offset + nl);
            nl = this.source.indexOf("\n", nl) + 1;
          }
        }
        return {
          type,
          offset: this.offset,
          indent: this.indent,
          source: this.source
        };
      }
      startBlockValue(parent) {
        switch (this.type) {
          case "alias":
          case "scalar":
          case "single-quoted-scalar":
          case "double-quoted-scalar":
            return this.flowScalar(this.type);
          case "block-scalar-header":
            return {
              type: "block-scalar",
              offset: this.offset,
              indent: this.indent,
              props: [this.sourceToken],
              source: ""
            };
          case "flow-map-start":
          case "flow-seq-start":
            return {
              type: "flow-collection",
              offset: this.offset,
              indent: this.indent,
              start: this.sourceToken,
              items: [],
              end: []
            };
          case "seq-item-ind":
            return {
              type: "block-seq",
              offset: this.offset,
              indent: this.indent,
              items: [{ start: [this.sourceToken] }]
            };
          case "explicit-key-ind": {
            this.onKeyLine = true;
            const prev = getPrevProps(parent);
            const start = getFirstKeyStartProps(prev);
            start.push(this.sourceToken);
            return {
              type: "block-map",
              offset: this.offset,
              indent: this.indent,
              items: [{ start, explicitKey: true }]
            };
          }
          case "map-value-ind": {
            this.onKeyLine = true;
            const prev = getPrevProps(parent);
            const start = getFirstKeyStartProps(prev);
            return {
              type: "block-map",
              offset: this.offset,
              indent: this.indent,
              items: [{ start, key: null, sep: [this.sourceToken] }]
            };
          }
        }
        return null;
      }
      atIndentedComment(start, indent) {
        if (this.type !== "comment")
          return false;
        if (this.indent <= indent)
          return false;
        return start.every((st) => st.type === "newline" || st.type === "space");
      }
      *documentEnd(docEnd) {
        if (this.type !== "doc-mode") {
          if (docEnd.end)
            docEnd.end.push(this.sourceToken);
          else
            docEnd.end = [this.sourceToken];
          if (this.type === "newline")
            yield* this.pop();
        }
      }
      *lineEnd(token) {
        switch (this.type) {
          case "comma":
          case "doc-start":
          case "doc-end":
          case "flow-seq-end":
          case "flow-map-end":
          case "map-value-ind":
            yield* this.pop();
            yield* this.step();
            break;
          case "newline":
            this.onKeyLine = false;
          // fallthrough
          case "space":
          case "comment":
          default:
            if (token.end)
              token.end.push(this.sourceToken);
            else
              token.end = [this.sourceToken];
            if (this.type === "newline")
              yield* this.pop();
        }
      }
    };
    exports.Parser = Parser;
  }
});

// node_modules/yaml/dist/public-api.js
var require_public_api = __commonJS({
  "node_modules/yaml/dist/public-api.js"(exports) {
    "use strict";
    var composer = require_composer();
    var Document = require_Document();
    var errors = require_errors5();
    var log = require_log();
    var identity = require_identity();
    var lineCounter = require_line_counter();
    var parser = require_parser();
    function parseOptions(options) {
      const prettyErrors = options.prettyErrors !== false;
      const lineCounter$1 = options.lineCounter || prettyErrors && new lineCounter.LineCounter() || null;
      return { lineCounter: lineCounter$1, prettyErrors };
    }
    function parseAllDocuments(source, options = {}) {
      const { lineCounter: lineCounter2, prettyErrors } = parseOptions(options);
      const parser$1 = new parser.Parser(lineCounter2?.addNewLine);
      const composer$1 = new composer.Composer(options);
      const docs = Array.from(composer$1.compose(parser$1.parse(source)));
      if (prettyErrors && lineCounter2)
        for (const doc of docs) {
          doc.errors.forEach(errors.prettifyError(source, lineCounter2));
          doc.warnings.forEach(errors.prettifyError(source, lineCounter2));
        }
      if (docs.length > 0)
        return docs;
      return Object.assign([], { empty: true }, composer$1.streamInfo());
    }
    function parseDocument2(source, options = {}) {
      const { lineCounter: lineCounter2, prettyErrors } = parseOptions(options);
      const parser$1 = new parser.Parser(lineCounter2?.addNewLine);
      const composer$1 = new composer.Composer(options);
      let doc = null;
      for (const _doc of composer$1.compose(parser$1.parse(source), true, source.length)) {
        if (!doc)
          doc = _doc;
        else if (doc.options.logLevel !== "silent") {
          doc.errors.push(new errors.YAMLParseError(_doc.range.slice(0, 2), "MULTIPLE_DOCS", "Source contains multiple documents; please use YAML.parseAllDocuments()"));
          break;
        }
      }
      if (prettyErrors && lineCounter2) {
        doc.errors.forEach(errors.prettifyError(source, lineCounter2));
        doc.warnings.forEach(errors.prettifyError(source, lineCounter2));
      }
      return doc;
    }
    function parse(src, reviver, options) {
      let _reviver = void 0;
      if (typeof reviver === "function") {
        _reviver = reviver;
      } else if (options === void 0 && reviver && typeof reviver === "object") {
        options = reviver;
      }
      const doc = parseDocument2(src, options);
      if (!doc)
        return null;
      doc.warnings.forEach((warning) => log.warn(doc.options.logLevel, warning));
      if (doc.errors.length > 0) {
        if (doc.options.logLevel !== "silent")
          throw doc.errors[0];
        else
          doc.errors = [];
      }
      return doc.toJS(Object.assign({ reviver: _reviver }, options));
    }
    function stringify(value, replacer, options) {
      let _replacer = null;
      if (typeof replacer === "function" || Array.isArray(replacer)) {
        _replacer = replacer;
      } else if (options === void 0 && replacer) {
        options = replacer;
      }
      if (typeof options === "string")
        options = options.length;
      if (typeof options === "number") {
        const indent = Math.round(options);
        options = indent < 1 ? void 0 : indent > 8 ? { indent: 8 } : { indent };
      }
      if (value === void 0) {
        const { keepUndefined } = options ?? replacer ?? {};
        if (!keepUndefined)
          return void 0;
      }
      if (identity.isDocument(value) && !_replacer)
        return value.toString(options);
      return new Document.Document(value, _replacer, options).toString(options);
    }
    exports.parse = parse;
    exports.parseAllDocuments = parseAllDocuments;
    exports.parseDocument = parseDocument2;
    exports.stringify = stringify;
  }
});

// node_modules/yaml/dist/index.js
var require_dist = __commonJS({
  "node_modules/yaml/dist/index.js"(exports) {
    "use strict";
    var composer = require_composer();
    var Document = require_Document();
    var Schema = require_Schema();
    var errors = require_errors5();
    var Alias = require_Alias();
    var identity = require_identity();
    var Pair = require_Pair();
    var Scalar = require_Scalar();
    var YAMLMap = require_YAMLMap();
    var YAMLSeq = require_YAMLSeq();
    var cst = require_cst();
    var lexer = require_lexer();
    var lineCounter = require_line_counter();
    var parser = require_parser();
    var publicApi = require_public_api();
    var visit = require_visit();
    exports.Composer = composer.Composer;
    exports.Document = Document.Document;
    exports.Schema = Schema.Schema;
    exports.YAMLError = errors.YAMLError;
    exports.YAMLParseError = errors.YAMLParseError;
    exports.YAMLWarning = errors.YAMLWarning;
    exports.Alias = Alias.Alias;
    exports.isAlias = identity.isAlias;
    exports.isCollection = identity.isCollection;
    exports.isDocument = identity.isDocument;
    exports.isMap = identity.isMap;
    exports.isNode = identity.isNode;
    exports.isPair = identity.isPair;
    exports.isScalar = identity.isScalar;
    exports.isSeq = identity.isSeq;
    exports.Pair = Pair.Pair;
    exports.Scalar = Scalar.Scalar;
    exports.YAMLMap = YAMLMap.YAMLMap;
    exports.YAMLSeq = YAMLSeq.YAMLSeq;
    exports.CST = cst;
    exports.Lexer = lexer.Lexer;
    exports.LineCounter = lineCounter.LineCounter;
    exports.Parser = parser.Parser;
    exports.parse = publicApi.parse;
    exports.parseAllDocuments = publicApi.parseAllDocuments;
    exports.parseDocument = publicApi.parseDocument;
    exports.stringify = publicApi.stringify;
    exports.visit = visit.visit;
    exports.visitAsync = visit.visitAsync;
  }
});

// src/cli/build-command.ts
import { availableParallelism as availableParallelism2 } from "node:os";

// node_modules/yocto-queue/index.js
var Node = class {
  value;
  next;
  constructor(value) {
    this.value = value;
  }
};
var Queue = class {
  #head;
  #tail;
  #size;
  constructor() {
    this.clear();
  }
  enqueue(value) {
    const node = new Node(value);
    if (this.#head) {
      this.#tail.next = node;
      this.#tail = node;
    } else {
      this.#head = node;
      this.#tail = node;
    }
    this.#size++;
  }
  dequeue() {
    const current = this.#head;
    if (!current) {
      return;
    }
    this.#head = this.#head.next;
    this.#size--;
    if (!this.#head) {
      this.#tail = void 0;
    }
    return current.value;
  }
  peek() {
    if (!this.#head) {
      return;
    }
    return this.#head.value;
  }
  clear() {
    this.#head = void 0;
    this.#tail = void 0;
    this.#size = 0;
  }
  get size() {
    return this.#size;
  }
  *[Symbol.iterator]() {
    let current = this.#head;
    while (current) {
      yield current.value;
      current = current.next;
    }
  }
  *drain() {
    while (this.#head) {
      yield this.dequeue();
    }
  }
};

// node_modules/p-limit/index.js
function pLimit(concurrency) {
  let rejectOnClear = false;
  if (typeof concurrency === "object") {
    ({ concurrency, rejectOnClear = false } = concurrency);
  }
  validateConcurrency(concurrency);
  if (typeof rejectOnClear !== "boolean") {
    throw new TypeError("Expected `rejectOnClear` to be a boolean");
  }
  const queue = new Queue();
  let activeCount = 0;
  const resumeNext = () => {
    if (activeCount < concurrency && queue.size > 0) {
      activeCount++;
      queue.dequeue().run();
    }
  };
  const next = () => {
    activeCount--;
    resumeNext();
  };
  const run = async (function_, resolve, arguments_) => {
    const result = (async () => function_(...arguments_))();
    resolve(result);
    try {
      await result;
    } catch {
    }
    next();
  };
  const enqueue = (function_, resolve, reject, arguments_) => {
    const queueItem = { reject };
    new Promise((internalResolve) => {
      queueItem.run = internalResolve;
      queue.enqueue(queueItem);
    }).then(run.bind(void 0, function_, resolve, arguments_));
    if (activeCount < concurrency) {
      resumeNext();
    }
  };
  const generator = (function_, ...arguments_) => new Promise((resolve, reject) => {
    enqueue(function_, resolve, reject, arguments_);
  });
  Object.defineProperties(generator, {
    activeCount: {
      get: () => activeCount
    },
    pendingCount: {
      get: () => queue.size
    },
    clearQueue: {
      value() {
        if (!rejectOnClear) {
          queue.clear();
          return;
        }
        const abortError = AbortSignal.abort().reason;
        while (queue.size > 0) {
          queue.dequeue().reject(abortError);
        }
      }
    },
    concurrency: {
      get: () => concurrency,
      set(newConcurrency) {
        validateConcurrency(newConcurrency);
        concurrency = newConcurrency;
        queueMicrotask(() => {
          while (activeCount < concurrency && queue.size > 0) {
            resumeNext();
          }
        });
      }
    },
    map: {
      async value(iterable, function_) {
        const promises = [];
        try {
          Array.from(iterable, (value, index) => {
            const promise = generator(function_, value, index);
            promises.push(promise);
            return promise;
          });
        } catch (error) {
          for (const promise of promises) {
            promise.catch(() => {
            });
          }
          throw error;
        }
        return Promise.all(promises);
      }
    }
  });
  return generator;
}
function validateConcurrency(concurrency) {
  if (!((Number.isInteger(concurrency) || concurrency === Number.POSITIVE_INFINITY) && concurrency > 0)) {
    throw new TypeError("Expected `concurrency` to be a number from 1 and up");
  }
}

// src/cli/args.ts
import { parseArgs } from "node:util";

// node_modules/leven/index.js
var array = [];
var characterCodeCache = [];
function leven(first, second, options) {
  if (first === second) {
    return 0;
  }
  const maxDistance = options?.maxDistance;
  const swap = first;
  if (first.length > second.length) {
    first = second;
    second = swap;
  }
  let firstLength = first.length;
  let secondLength = second.length;
  while (firstLength > 0 && first.charCodeAt(~-firstLength) === second.charCodeAt(~-secondLength)) {
    firstLength--;
    secondLength--;
  }
  let start = 0;
  while (start < firstLength && first.charCodeAt(start) === second.charCodeAt(start)) {
    start++;
  }
  firstLength -= start;
  secondLength -= start;
  if (maxDistance !== void 0 && secondLength - firstLength > maxDistance) {
    return maxDistance;
  }
  if (firstLength === 0) {
    return maxDistance !== void 0 && secondLength > maxDistance ? maxDistance : secondLength;
  }
  let bCharacterCode;
  let result;
  let temporary;
  let temporary2;
  let index = 0;
  let index2 = 0;
  while (index < firstLength) {
    characterCodeCache[index] = first.charCodeAt(start + index);
    array[index] = ++index;
  }
  while (index2 < secondLength) {
    bCharacterCode = second.charCodeAt(start + index2);
    temporary = index2++;
    result = index2;
    for (index = 0; index < firstLength; index++) {
      temporary2 = bCharacterCode === characterCodeCache[index] ? temporary : temporary + 1;
      temporary = array[index];
      result = array[index] = temporary > result ? temporary2 > result ? result + 1 : temporary2 : temporary2 > temporary ? temporary + 1 : temporary2;
    }
    if (maxDistance !== void 0) {
      let rowMinimum = result;
      for (index = 0; index < firstLength; index++) {
        if (array[index] < rowMinimum) {
          rowMinimum = array[index];
        }
      }
      if (rowMinimum > maxDistance) {
        return maxDistance;
      }
    }
  }
  array.length = firstLength;
  characterCodeCache.length = firstLength;
  return maxDistance !== void 0 && result > maxDistance ? maxDistance : result;
}

// src/cli/args.ts
function parseCommandArgs(config) {
  const options = config.options ?? {};
  const { args, allowPositionals, allowNegative } = config;
  const { values, positionals, tokens } = parseArgs({ args, options, allowPositionals, allowNegative, strict: false, tokens: true });
  const seen = /* @__PURE__ */ new Map();
  for (const token of tokens) {
    if (token.kind !== "option") continue;
    const option = options[token.name];
    if (!option) throw new UsageError(unknownOption(token.rawName, Object.keys(options)));
    const flag = `--${token.name}`;
    if (option.type === "boolean" && token.value !== void 0) throw new UsageError(`${flag} takes no value, not "${token.value}"`);
    if (option.type === "string") {
      if (token.value === void 0) throw new UsageError(`${flag} needs a value`);
      if (!token.inlineValue && isKnownFlag(token.value, options)) throw new UsageError(`${flag} needs a value before ${token.value}`);
    }
    seen.set(token.name, [...seen.get(token.name) ?? [], token.rawName]);
  }
  for (const [name, given] of seen) {
    if (given.length > 1 && !options[name]?.multiple) {
      throw new UsageError(`--${name} was given ${given.length} times; it takes one value, so give it once`);
    }
  }
  if (!config.allowPositionals && positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  return { values, positionals };
}
function isKnownFlag(value, options) {
  const long = /^--([^=]+)/.exec(value)?.[1];
  if (long !== void 0) return long in options;
  const short = /^-([a-zA-Z])$/.exec(value)?.[1];
  return short !== void 0 && Object.values(options).some((o) => o.short === short);
}
function unknownOption(rawName, names) {
  const close = closestName(rawName.replace(/^-+/, ""), names, (name) => Math.max(1, Math.floor(name.length / 3)));
  return `unknown option ${rawName}${close ? `; did you mean --${close}?` : ""}`;
}
function closestName(typed, names, maxDistance) {
  let best;
  for (const name of names) {
    const distance = leven(typed.toLowerCase(), name);
    if (!best || distance < best.distance) best = { name, distance };
  }
  return best !== void 0 && best.distance <= maxDistance(best.name) ? best.name : void 0;
}

// src/image/metadata.ts
var OciKey = {
  created: "org.opencontainers.image.created",
  source: "org.opencontainers.image.source",
  revision: "org.opencontainers.image.revision",
  url: "org.opencontainers.image.url",
  version: "org.opencontainers.image.version",
  title: "org.opencontainers.image.title",
  description: "org.opencontainers.image.description",
  licenses: "org.opencontainers.image.licenses"
};
var NixeryKey = {
  nixpkgsRevision: "dev.nixery.nixpkgs.revision",
  nixpkgsSource: "dev.nixery.nixpkgs.source"
};
var KEY = /^[A-Za-z0-9][A-Za-z0-9._/-]*$/;
function parseKeyValues(entries, what) {
  const result = {};
  for (const entry of entries) {
    const at = entry.indexOf("=");
    const key = at < 0 ? entry.trim() : entry.slice(0, at).trim();
    if (at < 0) throw new UsageError(`${what}: "${entry}" has no "=": give key=value, e.g. org.opencontainers.image.vendor=ACME`);
    if (!KEY.test(key)) {
      throw new UsageError(`${what}: "${key}" is not a valid key: letters, digits, ".", "_", "-" and "/", such as com.example.team`);
    }
    result[key] = entry.slice(at + 1);
  }
  return result;
}
function epochTime(epochSeconds) {
  return new Date(epochSeconds * 1e3).toISOString().replace(".000Z", "Z");
}
function parseSourceDateEpoch(value, what = "SOURCE_DATE_EPOCH") {
  if (value === void 0 || value.trim() === "") return void 0;
  const v = value.trim();
  if (!/^\d+$/.test(v) || !Number.isSafeInteger(Number(v)) || Number(v) > 253402300799) {
    throw new UsageError(`${what}: "${value}" is not a number of seconds since 1970-01-01 (e.g. the output of git log -1 --format=%ct)`);
  }
  return Number(v);
}

// src/image/name.ts
var SHELL_PACKAGES = ["bashinteractive", "coreutils", "moreutils", "nano"];
var META_ORDER = ["arm64", "shell"];
var COMPONENT = /^[a-z0-9]+(?:(?:\.|_|__|-+)[a-z0-9]+)*$/;
var TAG = /^[A-Za-z0-9_][A-Za-z0-9._-]{0,127}$/;
var MAX_NAME_LENGTH = 255;
var InvalidNameError = class extends UsageError {
  name = "InvalidNameError";
};
function parseImageName(raw) {
  if (raw.length === 0) throw new InvalidNameError('image name is empty: give packages separated by "/", e.g. shell/git');
  const components = checkRepositoryName(raw);
  const metas = /* @__PURE__ */ new Set();
  let first = 0;
  while (first < components.length && isMeta(components[first])) metas.add(components[first++]);
  const explicit = components.slice(first);
  const packages2 = new Set(explicit);
  if (metas.has("shell")) for (const p of SHELL_PACKAGES) packages2.add(p);
  if (packages2.size === 0) throw new InvalidNameError(`image name "${raw}" names no packages, only meta-packages`);
  const implied = new Set(metas.has("shell") ? SHELL_PACKAGES : []);
  const listed = [...new Set(explicit)].filter((p) => !implied.has(p)).sort();
  const plain = listed.filter((p) => !isMeta(p));
  const metaNamed = listed.filter(isMeta);
  const lead = plain.length === 0 && metaNamed.length > 0 ? [SHELL_PACKAGES[0]] : [];
  const canonical = [...META_ORDER.filter((m) => metas.has(m)), ...lead, ...plain, ...metaNamed].join("/");
  return { canonical, packages: [...packages2].sort(), arch: metas.has("arm64") ? "arm64" : "amd64" };
}
function checkRepositoryName(raw) {
  if (raw.length === 0) throw new InvalidNameError("image name is empty");
  if (raw.length > MAX_NAME_LENGTH) {
    throw new InvalidNameError(`image name is ${raw.length} characters long; the limit is ${MAX_NAME_LENGTH}`);
  }
  const components = raw.split("/");
  components.forEach((component, i) => {
    if (component === "") throw new InvalidNameError(`image name "${raw}" has an empty component at position ${i + 1}`);
    if (!COMPONENT.test(component)) {
      throw new InvalidNameError(
        `image name "${raw}": "${component}" is not a valid name component (lowercase letters, digits, and single ".", "_", "__" or "-" separators between them)`
      );
    }
  });
  return components;
}
function expandPackageList(packages2) {
  const expanded = /* @__PURE__ */ new Set();
  for (const p of packages2) {
    if (p.toLowerCase() === "shell") for (const s of SHELL_PACKAGES) expanded.add(s);
    else expanded.add(p);
  }
  return [...expanded].sort();
}
function isMeta(component) {
  return META_ORDER.includes(component);
}
function parseImageReference(reference, exampleTag) {
  const colon = reference.lastIndexOf(":");
  if (colon <= 0) throw new InvalidNameError(`"${reference}": give the image as NAME:TAG, e.g. shell/git:${exampleTag}`);
  return { name: parseImageName(reference.slice(0, colon)).canonical, tag: assertValidTag(reference.slice(colon + 1)) };
}
function isValidTag(tag) {
  return TAG.test(tag);
}
function assertValidTag(tag) {
  if (!isValidTag(tag)) {
    throw new InvalidNameError(
      `tag "${tag}" is invalid: up to 128 characters of letters, digits, "_", "." and "-", not starting with "." or "-"`
    );
  }
  return tag;
}
function whyCanonicalDiffers(raw) {
  const { canonical } = parseImageName(raw);
  if (canonical === raw) return [];
  const components = raw.split("/");
  const reasons = [];
  let metas = 0;
  while (metas < components.length && isMeta(components[metas])) metas++;
  const listed = components.slice(metas);
  const implied = components.slice(0, metas).includes("shell") ? listed.filter((c) => SHELL_PACKAGES.includes(c)) : [];
  if (implied.length) reasons.push(`shell already includes ${[...new Set(implied)].join(", ")}`);
  const repeated = [...new Set(components.filter((c, i) => components.indexOf(c) !== i))];
  if (repeated.length) reasons.push(`${repeated.join(", ")} named more than once`);
  if (reasons.length === 0) reasons.push("packages are listed in canonical order");
  return reasons;
}
function wantsShell(name) {
  return name.packages.includes("bashinteractive");
}

// src/layers/known.ts
var MOST_NEW_BYTES_SHARE = 3 / 4;
var FOREIGN_SHARE = 1 / 4;
function reuseKnownLayers(graph, budget, known, fresh) {
  const bytesOf = (layer) => layer.reduce((sum, path5) => sum + graph.paths[path5].narSize, 0);
  const freshKeys = new Set(fresh.map(layerKey));
  const freshLayerOf = /* @__PURE__ */ new Map();
  fresh.forEach((layer, i) => {
    for (const path5 of layer) freshLayerOf.set(path5, i);
  });
  const candidates = /* @__PURE__ */ new Map();
  for (const set of known) {
    if (set.length === 0 || !set.every((path5) => Object.hasOwn(graph.paths, path5))) continue;
    const paths = [...new Set(set)].sort();
    const key = paths.join("\n");
    if (candidates.has(key)) continue;
    const firstLayer = freshLayerOf.get(paths[0]);
    const isPiece = paths.every((path5) => freshLayerOf.get(path5) === firstLayer);
    candidates.set(key, { paths, bytes: bytesOf(paths), isFresh: freshKeys.has(key), isPiece });
  }
  if (candidates.size === 0) return fresh;
  const ordered = [...candidates.entries()].sort(
    ([keyA, a], [keyB, b]) => Number(b.isFresh) - Number(a.isFresh) || Number(b.isPiece) - Number(a.isPiece) || b.bytes - a.bytes || a.paths.length - b.paths.length || compareStrings(keyA, keyB)
  ).map(([, candidate]) => candidate);
  const total = Object.keys(graph.paths).length;
  const mostForeign = Math.max(1, Math.floor(budget * FOREIGN_SHARE));
  const taken = /* @__PURE__ */ new Set();
  const reused = [];
  let foreign = 0;
  for (const candidate of ordered) {
    if (taken.size === total) break;
    if (!candidate.isFresh && foreign >= mostForeign) continue;
    if (candidate.paths.some((path5) => taken.has(path5))) continue;
    const left = total - taken.size - candidate.paths.length;
    if (reused.length + 1 + (left > 0 ? 1 : 0) > budget) continue;
    for (const path5 of candidate.paths) taken.add(path5);
    reused.push(candidate.paths);
    if (!candidate.isFresh) foreign++;
  }
  const withReuse = [...reused, ...restOfFresh(fresh, taken, budget - reused.length, bytesOf)];
  const newBytes = (layers) => layers.reduce((sum, layer) => sum + (candidates.has(layerKey(layer)) ? 0 : bytesOf(layer)), 0);
  return newBytes(withReuse) <= MOST_NEW_BYTES_SHARE * newBytes(fresh) ? withReuse : fresh;
}
function earlierPlanOf(graph, budget, plans) {
  const total = Object.keys(graph.paths).length;
  const covers2 = (plan) => {
    if (plan.length === 0 || plan.length > budget) return false;
    const seen = /* @__PURE__ */ new Set();
    for (const layer of plan) {
      for (const path5 of layer) {
        if (!Object.hasOwn(graph.paths, path5) || seen.has(path5)) return false;
        seen.add(path5);
      }
    }
    return seen.size === total;
  };
  const sameClosure = plans.filter(covers2).map((plan) => plan.map((layer) => [...layer]));
  const key = (plan) => plan.map((layer) => layer.join(" ")).join("\n");
  sameClosure.sort((a, b) => a.length - b.length || compareStrings(key(a), key(b)));
  return sameClosure[0] ?? null;
}
function restOfFresh(fresh, taken, budget, bytesOf) {
  const rest = fresh.map((layer) => layer.filter((path5) => !taken.has(path5))).filter((layer) => layer.length > 0);
  if (rest.length <= budget) return rest;
  const bySize = rest.map((layer) => ({ layer, bytes: bytesOf(layer) })).sort((a, b) => b.bytes - a.bytes || compareStrings(a.layer[0], b.layer[0]));
  return [...bySize.slice(0, budget - 1).map((r) => r.layer), bySize.slice(budget - 1).flatMap((r) => r.layer)];
}
function layerKey(layer) {
  return [...layer].sort().join("\n");
}

// src/layers/largest-closures.ts
var BATCH = 32;
function largestClosures(candidates, count, paths, references, height) {
  const graph = indexGraph(paths, references);
  const order = topologicalOrder(graph);
  const sizeOf2 = order ? batchCounter(graph, order) : walkCounter(graph);
  const bound = order ? upperBounds(graph, order, paths, height) : null;
  const ids = candidates.map((path5) => graph.index.get(path5));
  const byBound = bound ? ids.sort((a, b) => bound[b] - bound[a] || compareStrings(paths[a], paths[b])) : ids;
  const best = [];
  const better = (a, b) => a.size > b.size || a.size === b.size && compareStrings(paths[a.id], paths[b.id]) < 0;
  for (let start = 0; start < byBound.length; start += BATCH) {
    if (bound && best.length === count && best[count - 1].size > bound[byBound[start]]) break;
    const batch = byBound.slice(start, start + BATCH);
    const sizes = sizeOf2(batch);
    batch.forEach((id, j) => {
      const entry = { id, size: sizes[j] };
      if (best.length === count && !better(entry, best[count - 1])) return;
      let at = best.length;
      while (at > 0 && better(entry, best[at - 1])) at--;
      best.splice(at, 0, entry);
      if (best.length > count) best.pop();
    });
  }
  return best.map((entry) => paths[entry.id]);
}
function indexGraph(paths, references) {
  const index = new Map(paths.map((path5, i) => [path5, i]));
  const offsets = new Int32Array(paths.length + 1);
  paths.forEach((path5, i) => {
    offsets[i + 1] = offsets[i] + references.get(path5).length;
  });
  const targets = new Int32Array(offsets[paths.length]);
  paths.forEach((path5, i) => {
    references.get(path5).forEach((ref, k) => {
      targets[offsets[i] + k] = index.get(ref);
    });
  });
  return { index, offsets, targets };
}
function topologicalOrder({ offsets, targets }) {
  const n = offsets.length - 1;
  const referrers = new Int32Array(n);
  for (const target of targets) referrers[target]++;
  const order = new Int32Array(n);
  let tail = 0;
  for (let v = 0; v < n; v++) if (referrers[v] === 0) order[tail++] = v;
  for (let head = 0; head < tail; head++) {
    const v = order[head];
    for (let e = offsets[v]; e < offsets[v + 1]; e++) if (--referrers[targets[e]] === 0) order[tail++] = targets[e];
  }
  return tail === n ? order : null;
}
function upperBounds({ offsets, targets }, order, paths, height) {
  const n = paths.length;
  const perHeight = [];
  for (const path5 of paths) {
    const h = height.get(path5);
    perHeight[h] = (perHeight[h] ?? 0) + 1;
  }
  const lower = [];
  let below = 0;
  for (let h = 0; h < perHeight.length; h++) {
    lower[h] = below;
    below += perHeight[h] ?? 0;
  }
  const bound = new Float64Array(n);
  for (let i = n - 1; i >= 0; i--) {
    const v = order[i];
    let sum = 1;
    for (let e = offsets[v]; e < offsets[v + 1]; e++) sum += bound[targets[e]];
    bound[v] = Math.min(sum, 1 + lower[height.get(paths[v])]);
  }
  return bound;
}
function batchCounter({ offsets, targets }, order) {
  const n = order.length;
  const mask = new Int32Array(n);
  const planes = new Int32Array(Math.max(1, Math.ceil(Math.log2(n + 1)) + 1));
  return (batch) => {
    mask.fill(0);
    planes.fill(0);
    batch.forEach((id, bit) => {
      mask[id] |= 1 << bit;
    });
    for (let i = 0; i < n; i++) {
      const v = order[i];
      const m = mask[v];
      if (m === 0) continue;
      let carry = m;
      for (let p = 0; carry !== 0; p++) {
        const next = planes[p] & carry;
        planes[p] ^= carry;
        carry = next;
      }
      for (let e = offsets[v]; e < offsets[v + 1]; e++) mask[targets[e]] |= m;
    }
    return batch.map((_, bit) => {
      let size = 0;
      for (let p = 0; p < planes.length; p++) size += (planes[p] >>> bit & 1) * 2 ** p;
      return size;
    });
  };
}
function walkCounter({ offsets, targets }) {
  return (batch) => batch.map((start) => {
    const seen = /* @__PURE__ */ new Set([start]);
    const todo = [start];
    while (todo.length > 0) {
      const v = todo.pop();
      for (let e = offsets[v]; e < offsets[v + 1]; e++) {
        if (seen.has(targets[e])) continue;
        seen.add(targets[e]);
        todo.push(targets[e]);
      }
    }
    return seen.size;
  });
}

// src/layers/plan.ts
var DEFAULT_LAYER_BUDGET = 100;
var BASE_TIER_HEIGHT = 3;
var BASE_GROUP = -1;
function maxGroups(budget) {
  return Math.max(3, Math.floor(budget / 10) + 1);
}
function planLayers(graph, budget, known = []) {
  if (!Number.isSafeInteger(budget) || budget < 1) {
    throw new Error(`layer budget must be a whole number of at least 1, got ${String(budget)}`);
  }
  const shape = graphShape(graph);
  const fresh = cutLayers(shape, shape.paths, budget);
  const layers = known.length === 0 ? fresh : reuseKnownLayers(graph, budget, known, fresh);
  return orderLayers(shape, layers);
}
function graphShape(graph) {
  const paths = Object.keys(graph.paths).sort();
  const references = referencesOf(graph, paths);
  return { graph, paths, references, height: heights(paths, references), owners: /* @__PURE__ */ new Map() };
}
function orderLayers(shape, layers) {
  const layerOrder = (layer) => Math.max(...layer.map((path5) => shape.height.get(path5)));
  return layers.map((layer) => [...layer].sort()).sort((a, b) => layerOrder(a) - layerOrder(b) || compareStrings(a[0], b[0]));
}
function cutLayers(shape, subset, budget) {
  if (subset.length <= budget) return subset.map((path5) => [path5]);
  const { graph } = shape;
  const rootGroups = maxGroups(budget) - 2;
  let owner = shape.owners.get(rootGroups);
  if (!owner) {
    owner = groupOwners(graph, shape.paths, shape.references, shape.height, rootGroups);
    shape.owners.set(rootGroups, owner);
  }
  const ownerOf = owner;
  const narSize = (path5) => graph.paths[path5].narSize;
  const bySize = [...subset].sort((a, b) => narSize(b) - narSize(a) || compareStrings(a, b));
  const groupCount = /* @__PURE__ */ new Map();
  for (const path5 of subset) groupCount.set(ownerOf.get(path5), (groupCount.get(ownerOf.get(path5)) ?? 0) + 1);
  let layerCount = groupCount.size;
  let singles = 0;
  while (singles < bySize.length) {
    const path5 = bySize[singles];
    const remaining = groupCount.get(ownerOf.get(path5));
    const next = remaining === 1 ? layerCount : layerCount + 1;
    if (next > budget) break;
    groupCount.set(ownerOf.get(path5), remaining - 1);
    layerCount = next;
    singles++;
  }
  const single = new Set(bySize.slice(0, singles));
  const groups = /* @__PURE__ */ new Map();
  for (const path5 of subset) {
    if (single.has(path5)) continue;
    const id = ownerOf.get(path5);
    const group = groups.get(id);
    if (group) group.push(path5);
    else groups.set(id, [path5]);
  }
  const groupList = [...groups.entries()].sort((a, b) => a[0] - b[0]).map(([, members]) => members);
  const keep = Math.max(0, budget - single.size - 1);
  const fitted = groupList.length + single.size > budget ? [...groupList.slice(0, keep), groupList.slice(keep).flat()] : groupList;
  return [...[...single].map((path5) => [path5]), ...fitted.filter((group) => group.length > 0)];
}
function referencesOf(graph, paths) {
  const references = /* @__PURE__ */ new Map();
  for (const path5 of paths) {
    const refs = [];
    for (const ref of graph.paths[path5].references) {
      if (ref === path5) continue;
      if (!Object.hasOwn(graph.paths, ref)) {
        throw new Error(`${path5} refers to ${ref}, which is not in the closure graph's paths; pass the whole closure`);
      }
      refs.push(ref);
    }
    refs.sort();
    references.set(
      path5,
      refs.filter((ref, i) => i === 0 || ref !== refs[i - 1])
    );
  }
  return references;
}
function heights(paths, references) {
  const height = /* @__PURE__ */ new Map();
  const onStack = /* @__PURE__ */ new Set();
  for (const start of paths) {
    if (height.has(start)) continue;
    const stack = [{ path: start, next: 0 }];
    onStack.add(start);
    while (stack.length > 0) {
      const top = stack[stack.length - 1];
      const refs = references.get(top.path);
      if (top.next < refs.length) {
        const ref = refs[top.next++];
        if (!height.has(ref) && !onStack.has(ref)) {
          onStack.add(ref);
          stack.push({ path: ref, next: 0 });
        }
        continue;
      }
      let h = 0;
      for (const ref of refs) if (height.has(ref)) h = Math.max(h, height.get(ref) + 1);
      height.set(top.path, h);
      onStack.delete(top.path);
      stack.pop();
    }
  }
  return height;
}
function groupOwners(graph, paths, references, height, rootGroups) {
  const referenced = /* @__PURE__ */ new Set();
  for (const refs of references.values()) for (const ref of refs) referenced.add(ref);
  const roots = new Set(graph.roots.filter((root) => Object.hasOwn(graph.paths, root)));
  for (const path5 of paths) if (!referenced.has(path5)) roots.add(path5);
  const owner = /* @__PURE__ */ new Map();
  for (const path5 of paths) if (height.get(path5) <= BASE_TIER_HEIGHT) owner.set(path5, BASE_GROUP);
  const walk = (root, index) => {
    owner.set(root, index);
    const todo = [root];
    while (todo.length > 0) {
      for (const ref of references.get(todo.pop())) {
        if (owner.has(ref)) continue;
        owner.set(ref, index);
        todo.push(ref);
      }
    }
  };
  const candidates = [...roots].filter((root) => !owner.has(root)).sort();
  const referencedRoots = candidates.filter((root) => referenced.has(root)).length;
  let rank = 0;
  for (const root of largestClosures(candidates, rootGroups + referencedRoots, paths, references, height)) {
    if (rank === rootGroups) break;
    if (!owner.has(root)) walk(root, rank++);
  }
  for (const root of candidates) if (!owner.has(root)) walk(root, rootGroups);
  return owner;
}

// src/oci/platform.ts
var VARIANTS = { amd64: void 0, arm64: "v8" };
var ARCHES = ["amd64", "arm64"];
function platformOf(architecture) {
  const variant = VARIANTS[architecture];
  return { os: "linux", architecture, ...variant ? { variant } : {} };
}
function platformName(architecture) {
  return `linux/${architecture}`;
}

// src/storage/liveness.ts
import { randomBytes } from "node:crypto";
import { setTimeout as delay } from "node:timers/promises";

// src/oci/digest.ts
import { createHash } from "node:crypto";
var SHA256_DIGEST = /^sha256:[a-f0-9]{64}$/;
function sha256Digest(data) {
  return "sha256:" + createHash("sha256").update(data).digest("hex");
}
function isSha256Digest(value) {
  return SHA256_DIGEST.test(value);
}
function digestHex(digest) {
  if (!isSha256Digest(digest)) throw new Error(`invalid digest "${digest}": expected sha256:<64 lowercase hex>`);
  return digest.slice("sha256:".length);
}

// src/storage/layout.ts
var OCI_LAYOUT_KEY = "oci-layout";
var INDEX_KEY = "index.json";
var OCI_LAYOUT_CONTENT = JSON.stringify({ imageLayoutVersion: "1.0.0" });
function blobKey(digest) {
  return `${BLOBS_PREFIX}${digestHex(digest)}`;
}
var TAGS_DIR = "_tags";
var REPOSITORIES = "repositories/";
function tagKey(canonicalName, tag) {
  return `${REPOSITORIES}${canonicalName}/${TAGS_DIR}/${tag}`;
}
var TAGS_PREFIX = REPOSITORIES;
var PLATFORMS_DIR = "_platforms";
function platformRecordKey(canonicalName, tag, architecture) {
  return `${platformRecordsPrefix(canonicalName, tag)}${architecture}`;
}
function platformRecordsPrefix(canonicalName, tag) {
  return `${REPOSITORIES}${canonicalName}/${PLATFORMS_DIR}/${tag}/`;
}
function isPlatformRecordKey(key) {
  return key.startsWith(REPOSITORIES) && key.includes(`/${PLATFORMS_DIR}/`);
}
function parseTagKey(key) {
  if (!key.startsWith(REPOSITORIES)) return null;
  const marker = key.lastIndexOf(`/${TAGS_DIR}/`);
  if (marker <= REPOSITORIES.length) return null;
  const name = key.slice(REPOSITORIES.length, marker);
  const tag = key.slice(marker + TAGS_DIR.length + 2);
  return tag && !tag.includes("/") ? { name, tag } : null;
}
function layerCacheKey(cacheKeyHex) {
  return `${LAYER_CACHE_PREFIX}${cacheKeyHex}.json`;
}
function manifestCacheKey(cacheKeyHex) {
  return `${MANIFEST_CACHE_PREFIX}${cacheKeyHex}.json`;
}
function referrersPrefix(subjectDigest) {
  return `referrers/${digestHex(subjectDigest)}/`;
}
function referrerKey(subjectDigest, referrerDigest) {
  return `${referrersPrefix(subjectDigest)}${digestHex(referrerDigest)}.json`;
}
var SWEEPS_PREFIX = "gc/sweeps/";
function sweepRecordKey(id) {
  return `${SWEEPS_PREFIX}${id}.json`;
}
var BLOBS_PREFIX = "blobs/sha256/";
function parseBlobKey(key) {
  const hex = key.slice(BLOBS_PREFIX.length);
  return key.startsWith(BLOBS_PREFIX) && /^[a-f0-9]{64}$/.test(hex) ? `sha256:${hex}` : null;
}
var LAYER_CACHE_PREFIX = "cache/layers/";
var MANIFEST_CACHE_PREFIX = "cache/manifests/";

// src/storage/liveness.ts
function newSweepId() {
  return `${Date.now().toString(36)}-${randomBytes(6).toString("hex")}`;
}
async function writeSweepRecord(storage, record) {
  await storage.writeBytes(sweepRecordKey(record.id), Buffer.from(JSON.stringify(record)), { contentType: "application/json" });
}
async function removeSweepRecord(storage, id) {
  await storage.delete(sweepRecordKey(id));
}
async function readSweepRecords(storage) {
  const records = [];
  for (const object of await storage.listObjects(SWEEPS_PREFIX)) {
    const bytes = await storage.readBytes(object.key);
    if (!bytes) continue;
    records.push({ ...parseSweepRecord(bytes) ?? UNREADABLE_RECORD, key: object.key, modified: object.modified });
  }
  return records;
}
var MAX_LEASE_MS = 60 * 60 * 1e3;
var UNREADABLE_RECORD = { id: "?", leaseMs: MAX_LEASE_MS, candidates: ["*"] };
function parseSweepRecord(bytes) {
  try {
    const record = JSON.parse(bytes.toString("utf8"));
    if (typeof record.id !== "string" || typeof record.leaseMs !== "number" || !Array.isArray(record.candidates)) return null;
    if (!record.candidates.every((c) => typeof c === "string")) return null;
    return { id: record.id, leaseMs: Math.min(record.leaseMs, MAX_LEASE_MS), candidates: record.candidates };
  } catch {
    return null;
  }
}
var CollectedBlobError = class extends Error {
  name = "CollectedBlobError";
  digest;
  constructor(location, digest) {
    super(
      `blob ${digest}, which this build found in ${location} and reused, was removed by a concurrent "nixery gc" before the image was tagged; nothing was tagged, run the build again (it uploads the blob anew)`
    );
    this.digest = digest;
  }
};
var PARALLEL = 16;
async function keepAlive(storage, digests, options = {}) {
  const wanted = new Set(digests);
  const limit = pLimit(PARALLEL);
  const firstSeen = /* @__PURE__ */ new Map();
  for (; ; ) {
    await Promise.all([...wanted].map((digest) => limit(() => storage.touch(blobKey(digest)))));
    const records = await readSweepRecords(storage);
    const present = await Promise.all(
      [...wanted].map((digest) => limit(async () => [digest, await storage.stat(blobKey(digest))]))
    );
    const gone = present.find(([, info]) => info === null);
    if (gone) throw new CollectedBlobError(storage.location, gone[0]);
    const now = performance.now();
    const blocking = records.filter((record) => {
      if (!record.candidates.some((c) => c === "*" || wanted.has(c))) return false;
      const seen = firstSeen.get(record.key) ?? now;
      firstSeen.set(record.key, seen);
      return now - seen < record.leaseMs;
    });
    if (blocking.length === 0) return;
    options.onWait?.(blocking[0].id);
    await delay(options.pollMs ?? 500);
  }
}

// src/targets/bucket.ts
var BucketTarget = class {
  store;
  constructor(store) {
    this.store = store;
  }
  consumesFiles = true;
  get location() {
    return this.store.storage.location;
  }
  // A target's existence check decides that a blob is reused rather than sent: it refreshes the blob's liveness mark.
  hasBlob(_name, blob2) {
    return this.store.reuseBlob(blob2.digest, blob2.size);
  }
  stagingDir() {
    return this.store.storage.stagingDir();
  }
  putBlobFile(_name, blob2, localPath) {
    return this.store.putBlobFile(blob2, localPath);
  }
  putBlobBytes(_name, blob2, bytes) {
    return this.store.putBlobBytes(blob2, bytes);
  }
  // In a bucket a manifest is one more content-addressed blob; the tag objects make it an image.
  putManifest(_name, manifest, bytes) {
    return this.store.putManifest(manifest, bytes);
  }
  putReferrer(_name, subject, referrer, bytes) {
    return this.store.putReferrer(subject, referrer, bytes);
  }
  tag(name, tags, manifest, _bytes) {
    return this.store.tagAll(name, tags, manifest);
  }
};

// src/targets/fan-out.ts
import { copyFile, link, rm } from "node:fs/promises";
function fanOut(targets) {
  const [first, ...rest] = targets;
  if (!first) throw new Error("no targets to publish to");
  if (rest.length === 0) return first;
  const readers = targets.filter((t) => !t.consumesFiles);
  const consumers = targets.filter((t) => t.consumesFiles);
  const each = async (write) => {
    let sent = 0;
    for (const target of targets) sent += await write(target);
    return sent;
  };
  return {
    location: targets.map((t) => t.location).join(", "),
    hasBlob: async (name, blob2) => (await Promise.all(targets.map((t) => t.hasBlob(name, blob2)))).every(Boolean),
    stagingDir: () => first.stagingDir(),
    consumesFiles: targets.some((t) => t.consumesFiles),
    putBlobFile: async (name, blob2, localPath) => {
      let sent = 0;
      for (const target of readers) sent += await target.putBlobFile(name, blob2, localPath);
      for (const [i, target] of consumers.entries()) {
        const last = i === consumers.length - 1;
        const file = last ? localPath : `${localPath}.${i}`;
        if (!last) await link(localPath, file).catch(() => copyFile(localPath, file));
        try {
          sent += await target.putBlobFile(name, blob2, file);
        } finally {
          if (!last) await rm(file, { force: true });
        }
      }
      return sent;
    },
    putBlobBytes: (name, blob2, bytes) => each((t) => t.putBlobBytes(name, blob2, bytes)),
    putManifest: (name, manifest, bytes) => each((t) => t.putManifest(name, manifest, bytes)),
    putReferrer: (name, subject, referrer, bytes) => each((t) => t.putReferrer(name, subject, referrer, bytes)),
    tag: async (name, tags, manifest, bytes) => {
      for (const target of targets) await target.tag(name, tags, manifest, bytes);
    }
  };
}

// src/targets/upload-meter.ts
var UploadMeter = class {
  uploadedBytes = 0;
  skippedBytes = 0;
  active = 0;
  since = 0;
  busyMs = 0;
  /** Times one write; `write` returns the bytes it sent, 0 when the target already held the object. */
  async measure(size, write) {
    if (this.active++ === 0) this.since = performance.now();
    try {
      const sent = await write();
      if (sent > 0) this.uploadedBytes += sent;
      else this.skippedBytes += size;
      return sent;
    } finally {
      if (--this.active === 0) this.busyMs += performance.now() - this.since;
    }
  }
  /** A blob that was never offered because the target was known to hold it. */
  skip(size) {
    this.skippedBytes += size;
  }
  get seconds() {
    return this.busyMs / 1e3;
  }
};
function meteredTarget(target, meter) {
  const put = (blob2, write) => meter.measure(blob2.size, write);
  return {
    location: target.location,
    hasBlob: (name, blob2) => target.hasBlob(name, blob2),
    stagingDir: () => target.stagingDir(),
    consumesFiles: target.consumesFiles,
    putBlobFile: (name, blob2, localPath) => put(blob2, () => target.putBlobFile(name, blob2, localPath)),
    putBlobBytes: (name, blob2, bytes) => put(blob2, () => target.putBlobBytes(name, blob2, bytes)),
    putManifest: (name, manifest, bytes) => put(manifest, () => target.putManifest(name, manifest, bytes)),
    putReferrer: (name, subject, referrer, bytes) => put(referrer, () => target.putReferrer(name, subject, referrer, bytes)),
    tag: (name, tags, manifest, bytes) => target.tag(name, tags, manifest, bytes)
  };
}

// src/oci/descriptor.ts
function isDescriptor(value) {
  if (typeof value !== "object" || value === null) return false;
  const d = value;
  return typeof d.mediaType === "string" && typeof d.digest === "string" && isSha256Digest(d.digest) && typeof d.size === "number" && Number.isSafeInteger(d.size) && d.size >= 0;
}

// src/oci/media-types.ts
var MediaType = {
  ociManifest: "application/vnd.oci.image.manifest.v1+json",
  ociIndex: "application/vnd.oci.image.index.v1+json",
  ociConfig: "application/vnd.oci.image.config.v1+json",
  /** The `{}` config of artifacts that have no config of their own. */
  ociEmpty: "application/vnd.oci.empty.v1+json",
  /** An SBOM in CycloneDX JSON: the artifactType of our SBOM artifacts and the media type of their one blob. */
  cycloneDx: "application/vnd.cyclonedx+json",
  ociLayerTar: "application/vnd.oci.image.layer.v1.tar",
  ociLayerGzip: "application/vnd.oci.image.layer.v1.tar+gzip",
  ociLayerZstd: "application/vnd.oci.image.layer.v1.tar+zstd",
  dockerManifest: "application/vnd.docker.distribution.manifest.v2+json",
  dockerManifestList: "application/vnd.docker.distribution.manifest.list.v2+json"
};
var COMPRESSIONS = ["gzip", "zstd", "none"];
function layerMediaType(compression) {
  switch (compression) {
    case "gzip":
      return MediaType.ociLayerGzip;
    case "zstd":
      return MediaType.ociLayerZstd;
    case "none":
      return MediaType.ociLayerTar;
  }
}

// src/oci/annotations.ts
function sortedRecord(record) {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => compareStrings(a, b)));
}

// src/oci/artifact.ts
var EMPTY_CONFIG_BYTES = Buffer.from("{}");
var EMPTY_CONFIG = {
  mediaType: MediaType.ociEmpty,
  digest: sha256Digest(EMPTY_CONFIG_BYTES),
  size: EMPTY_CONFIG_BYTES.length
};
function serializeArtifactManifest(artifactType, blobs, subject, annotations) {
  const manifest = {
    schemaVersion: 2,
    mediaType: MediaType.ociManifest,
    artifactType,
    config: EMPTY_CONFIG,
    layers: blobs,
    subject: { mediaType: subject.mediaType, digest: subject.digest, size: subject.size },
    ...Object.keys(annotations).length > 0 ? { annotations: sortedRecord(annotations) } : {}
  };
  return Buffer.from(JSON.stringify(manifest));
}
function referrersFallbackTag(subjectDigest) {
  return subjectDigest.replace(":", "-");
}
function serializeReferrersIndex(referrers) {
  return Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: MediaType.ociIndex, manifests: referrers }));
}
function parseReferrersIndex(bytes) {
  try {
    const index = JSON.parse(bytes.toString("utf8"));
    return Array.isArray(index.manifests) ? index.manifests.filter(isDescriptor) : [];
  } catch {
    return [];
  }
}

// src/oci/config.ts
var IMAGE_CREATED = "1970-01-01T00:00:01Z";
var STORE_PATHS_HISTORY_PREFIX = "nix store paths: ";
var STORE_PATH = /^\/nix\/store\/[0-9a-z]{32}-[A-Za-z0-9+._?=-]+$/;
function storePathsOf(createdBy) {
  if (typeof createdBy !== "string" || !createdBy.startsWith(STORE_PATHS_HISTORY_PREFIX)) return null;
  const paths = createdBy.slice(STORE_PATHS_HISTORY_PREFIX.length).split(" ").filter((p) => p !== "");
  return paths.length > 0 && paths.every((p) => STORE_PATH.test(p)) ? paths : null;
}
function serializeImageConfig(input) {
  if (input.history.length !== input.diffIds.length) {
    throw new Error(`image config: ${input.diffIds.length} layers but ${input.history.length} history entries`);
  }
  const created = input.created ?? IMAGE_CREATED;
  const config = {
    created,
    architecture: input.arch,
    os: "linux",
    config: runtimeConfig(input),
    rootfs: { type: "layers", diff_ids: input.diffIds },
    history: input.history.map((h) => ({ created, created_by: h.createdBy }))
  };
  return Buffer.from(JSON.stringify(config));
}
function runtimeConfig(input) {
  const sorted = (keys) => [...keys].sort(compareStrings);
  return {
    ...input.user !== void 0 ? { User: input.user } : {},
    ...input.exposedPorts?.length ? { ExposedPorts: Object.fromEntries(sorted(input.exposedPorts).map((p) => [p, {}])) } : {},
    Env: input.env,
    ...input.entrypoint ? { Entrypoint: input.entrypoint } : {},
    ...input.cmd ? { Cmd: input.cmd } : {},
    ...input.workingDir !== void 0 ? { WorkingDir: input.workingDir } : {},
    ...input.labels && Object.keys(input.labels).length > 0 ? { Labels: Object.fromEntries(sorted(Object.keys(input.labels)).map((k) => [k, input.labels[k]])) } : {},
    ...input.stopSignal !== void 0 ? { StopSignal: input.stopSignal } : {}
  };
}
function parseImageConfig(bytes) {
  try {
    const parsed = JSON.parse(bytes.toString("utf8"));
    const { architecture, config, rootfs, history } = parsed;
    const strings = (value) => Array.isArray(value) && value.every((v) => typeof v === "string");
    if (architecture !== "amd64" && architecture !== "arm64") return null;
    if (!strings(config?.Env) || config.Cmd !== void 0 && !strings(config.Cmd)) return null;
    if (!strings(rootfs?.diff_ids) || !Array.isArray(history) || history.length !== rootfs.diff_ids.length) return null;
    const createdBy = history.map((h) => h?.created_by);
    if (!strings(createdBy)) return null;
    return {
      arch: architecture,
      env: config.Env,
      ...config.Cmd ? { cmd: config.Cmd } : {},
      diffIds: rootfs.diff_ids,
      history: createdBy.map((c) => ({ createdBy: c }))
    };
  } catch {
    return null;
  }
}

// src/oci/index.ts
function serializeImageIndex(entries, annotations = {}) {
  const seen = /* @__PURE__ */ new Set();
  for (const entry of entries) {
    if (seen.has(entry.architecture)) throw new Error(`image index: two manifests for ${entry.architecture}`);
    seen.add(entry.architecture);
  }
  const ordered = [...entries].sort((a, b) => ARCHES.indexOf(a.architecture) - ARCHES.indexOf(b.architecture));
  const index = {
    schemaVersion: 2,
    mediaType: MediaType.ociIndex,
    manifests: ordered.map(({ manifest, architecture }) => ({
      mediaType: manifest.mediaType,
      digest: manifest.digest,
      size: manifest.size,
      platform: platformOf(architecture)
    })),
    ...Object.keys(annotations).length ? { annotations: sortedRecord(annotations) } : {}
  };
  return Buffer.from(JSON.stringify(index));
}
function platformManifestsOf(indexBytes) {
  let parsed;
  try {
    parsed = JSON.parse(indexBytes.toString("utf8"));
  } catch {
    return [];
  }
  if (!Array.isArray(parsed.manifests)) return [];
  const entries = [];
  for (const entry of parsed.manifests) {
    if (!isDescriptor(entry) || entry.mediaType !== MediaType.ociManifest) continue;
    const platform = entry.platform;
    const architecture = ARCHES.find((a) => a === platform?.architecture);
    if (platform?.os !== "linux" || !architecture) continue;
    entries.push({ manifest: { mediaType: entry.mediaType, digest: entry.digest, size: entry.size }, architecture });
  }
  return entries;
}

// src/oci/manifest.ts
function serializeManifest(config, layers, annotations) {
  const manifest = {
    schemaVersion: 2,
    mediaType: MediaType.ociManifest,
    config,
    layers,
    ...Object.keys(annotations).length ? { annotations: sortedRecord(annotations) } : {}
  };
  return Buffer.from(JSON.stringify(manifest));
}

// src/sbom/cyclonedx.ts
var Enums = __toESM(require_enums(), 1);
var Models = __toESM(require_models(), 1);
var SPDX = __toESM(require_spdx(), 1);
var Serialize = __toESM(require_index_node(), 1);
var Spec = __toESM(require_spec(), 1);

// src/nix/nar-hash.ts
var NIX_BASE32 = "0123456789abcdfghijklmnpqrsvwxyz";
var SHA256_BYTES = 32;
function narHashHex(narHash) {
  if (narHash.startsWith("sha256-")) {
    const bytes = Buffer.from(narHash.slice("sha256-".length), "base64");
    return bytes.length === SHA256_BYTES ? bytes.toString("hex") : null;
  }
  if (!narHash.startsWith("sha256:")) return null;
  const digits = narHash.slice("sha256:".length);
  if (/^[0-9a-f]{64}$/.test(digits)) return digits;
  return decodeNixBase32(digits, SHA256_BYTES)?.toString("hex") ?? null;
}
function decodeNixBase32(text2, size) {
  if (text2.length !== Math.ceil(size * 8 / 5)) return null;
  const bytes = Buffer.alloc(size);
  for (let n = 0; n < text2.length; n++) {
    const digit = NIX_BASE32.indexOf(text2[text2.length - 1 - n]);
    if (digit < 0) return null;
    const bit = n * 5;
    const i = Math.floor(bit / 8);
    const j = bit % 8;
    bytes[i] |= digit << j & 255;
    if (i < size - 1) bytes[i + 1] |= digit >> 8 - j;
    else if (digit >> 8 - j !== 0) return null;
  }
  return bytes;
}

// src/sbom/cyclonedx.ts
var HASH_PART = 33;
var IMAGE_REF = "image";
function cycloneDxSbom(input) {
  const bom = new Models.Bom();
  const image = new Models.Component(Enums.ComponentType.Container, input.imageName, { bomRef: IMAGE_REF });
  bom.metadata.component = image;
  const components = /* @__PURE__ */ new Map();
  for (const [path5, info] of Object.entries(input.closure.paths)) {
    const { name, version } = parseDrvName(storePathName(path5));
    const component = new Models.Component(Enums.ComponentType.Library, name, {
      bomRef: path5,
      ...version ? { version } : {}
    });
    const hex = info.narHash === void 0 ? null : narHashHex(info.narHash);
    if (hex) component.hashes.set(Enums.HashAlgorithm["SHA-256"], hex);
    component.properties.add(new Models.Property("nix:store_path", path5));
    component.properties.add(new Models.Property("nix:nar_size", String(info.narSize)));
    components.set(path5, component);
    bom.components.add(component);
  }
  for (const [path5, info] of Object.entries(input.closure.paths)) {
    const component = components.get(path5);
    for (const reference of info.references) if (reference !== path5) component.dependencies.add(components.get(reference).bomRef);
  }
  for (const root of input.closure.roots) image.dependencies.add(components.get(root).bomRef);
  for (const pkg of input.packages) {
    for (const output of pkg.outputs) {
      const component = components.get(output);
      if (component) describePackage(component, pkg);
    }
  }
  const serializer = new Serialize.JsonSerializer(new Serialize.JSON.Normalize.Factory(Spec.Spec1dot6));
  return Buffer.from(serializer.serialize(bom, { sortLists: true }));
}
function describePackage(component, pkg) {
  component.type = Enums.ComponentType.Application;
  if (pkg.description) component.description = pkg.description;
  if (pkg.homepage) {
    component.externalReferences.add(new Models.ExternalReference(pkg.homepage, Enums.ExternalReferenceType.Website));
  }
  for (const license of pkg.licenses) {
    if (license.spdxId && SPDX.isSupportedSpdxId(license.spdxId)) component.licenses.add(new Models.SpdxLicense(license.spdxId));
    else if (license.name) component.licenses.add(new Models.NamedLicense(license.name));
  }
  component.properties.add(new Models.Property("nix:attribute_path", pkg.attrPath));
}
function storePathName(path5) {
  const base = path5.slice(path5.lastIndexOf("/") + 1);
  return base.length > HASH_PART && base[HASH_PART - 1] === "-" ? base.slice(HASH_PART) : base;
}
function parseDrvName(drvName) {
  for (let i = 0; i < drvName.length; i++) {
    if (drvName[i] === "-" && i + 1 < drvName.length && !/[A-Za-z]/.test(drvName[i + 1])) {
      return { name: drvName.slice(0, i), version: drvName.slice(i + 1) };
    }
  }
  return { name: drvName, version: "" };
}
function licenseExpression(packages2) {
  const ids = [...new Set(packages2.flatMap((p) => p.licenses.map((l) => l.spdxId).filter((id) => !!id)))].sort();
  return ids.length > 0 ? ids.join(" AND ") : void 0;
}

// src/pipeline/assemble.ts
var NOTHING_REALISED = { closure: { roots: [], paths: {} }, packages: [] };
function assembleImage(image, plan, layers, realised = NOTHING_REALISED, settings = {}) {
  const licenses = licenseExpression(realised.packages);
  const content = {
    config: {
      arch: image.name.arch,
      env: plan.env,
      ...plan.cmd ? { cmd: plan.cmd } : {},
      diffIds: layers.map((l) => l.layer.diffId),
      history: plan.layers.map((spec) => ({ createdBy: spec.createdBy }))
    },
    layers: layers.map((l) => l.layer.descriptor),
    ...licenses ? { licenses } : {},
    sbom: blob(
      MediaType.cycloneDx,
      cycloneDxSbom({ imageName: image.name.canonical, closure: realised.closure, packages: realised.packages })
    )
  };
  return assembleContent(image, content, settings);
}
function assembleContent(image, content, settings) {
  const metadata = imageMetadata(image, content.licenses, settings);
  const created = settings.sourceDateEpoch === void 0 ? void 0 : epochTime(settings.sourceDateEpoch);
  const config = blob(
    MediaType.ociConfig,
    serializeImageConfig({ ...content.config, ...declaredConfig(image), labels: metadata.labels, ...created ? { created } : {} })
  );
  const manifest = blob(MediaType.ociManifest, serializeManifest(config.descriptor, content.layers, metadata.annotations));
  const sbom = sbomArtifact(content.sbom, manifest.descriptor, created);
  return { config, manifest, sbom, content, size: config.bytes.length + sizeOf(content.layers) };
}
function assembleIndex(manifests, annotations = {}) {
  return blob(MediaType.ociIndex, serializeImageIndex(manifests, annotations));
}
function sizeOf(blobs) {
  return blobs.reduce((sum, b) => sum + b.size, 0);
}
function blob(mediaType, bytes) {
  return { descriptor: { mediaType, digest: sha256Digest(bytes), size: bytes.length }, bytes };
}
function declaredConfig(image) {
  const c = image.config ?? {};
  return {
    ...c.entrypoint ? { entrypoint: c.entrypoint } : {},
    ...c.user !== void 0 ? { user: c.user } : {},
    ...c.workdir !== void 0 ? { workingDir: c.workdir } : {},
    ...c.ports ? { exposedPorts: c.ports } : {},
    ...c.stopSignal !== void 0 ? { stopSignal: c.stopSignal } : {}
  };
}
function imageMetadata(image, licenses, settings) {
  const { name, source } = image;
  const own = {
    [OciKey.title]: name.canonical,
    [OciKey.description]: `Nix packages: ${name.packages.join(" ")}`,
    ...licenses ? { [OciKey.licenses]: licenses } : {},
    ...settings.sourceDateEpoch !== void 0 ? { [OciKey.created]: epochTime(settings.sourceDateEpoch) } : {},
    ...source.revision ? { [NixeryKey.nixpkgsRevision]: source.revision } : {},
    ...source.sourceUrl ? { [NixeryKey.nixpkgsSource]: source.sourceUrl } : {}
  };
  return {
    labels: { ...own, ...settings.labels, ...image.config?.labels },
    annotations: { ...own, ...settings.annotations }
  };
}
function sbomArtifact(document, subject, created) {
  const annotations = created ? { [OciKey.created]: created } : {};
  const manifest = blob(MediaType.ociManifest, serializeArtifactManifest(MediaType.cycloneDx, [document.descriptor], subject, annotations));
  return {
    manifest: {
      descriptor: { ...manifest.descriptor, artifactType: MediaType.cycloneDx, ...created ? { annotations } : {} },
      bytes: manifest.bytes
    },
    blobs: [{ descriptor: EMPTY_CONFIG, bytes: EMPTY_CONFIG_BYTES }, document]
  };
}

// src/pipeline/materialise.ts
import os from "node:os";
import { rm as rm3 } from "node:fs/promises";

// src/archive/compress.ts
import { createHash as createHash2 } from "node:crypto";
import { createWriteStream } from "node:fs";
import { unlink } from "node:fs/promises";
import { pipeline } from "node:stream/promises";

// src/archive/block-stream.ts
import { crc32 } from "node:zlib";
async function* compressInBlocks(source, compression, compressor) {
  const blockBytes = BLOCK_BYTES[compression];
  const dictionaryBytes = DICTIONARY_BYTES[compression];
  const memoryBytes = dictionaryBytes + blockBytes;
  const pending = [];
  const send = async (memory2, start2, end, last) => {
    await compressor.reserve();
    const result = compressor.compress({
      compression,
      input: memory2.subarray(start2, end),
      dictionaryBytes: start2 === 0 ? dictionaryBytes : 0,
      last
    });
    result.catch(() => {
    });
    pending.push(result);
  };
  const next = () => pending.shift();
  yield streamHeader(compression);
  let crc = 0;
  let length = 0;
  let memory = compressor.allocate(memoryBytes);
  let start = dictionaryBytes;
  let filled = 0;
  for await (const chunk of source) {
    if (compression === "gzip") crc = crc32(chunk, crc);
    length += chunk.length;
    for (let offset = 0; offset < chunk.length; ) {
      if (filled === blockBytes) {
        const full = memory;
        memory = compressor.allocate(memoryBytes);
        memory.set(full.subarray(memoryBytes - dictionaryBytes), 0);
        await send(full, start, memoryBytes, false);
        start = 0;
        filled = 0;
      }
      const take = Math.min(blockBytes - filled, chunk.length - offset);
      memory.set(chunk.subarray(offset, offset + take), dictionaryBytes + filled);
      filled += take;
      offset += take;
    }
    while (pending.length >= compressor.inFlight) yield await next();
  }
  await send(memory, start, dictionaryBytes + filled, true);
  while (pending.length > 0) yield await next();
  yield streamTrailer(compression, crc, length);
}

// src/archive/compress-pool.ts
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";

// src/worker-script.ts
import { existsSync } from "node:fs";
function findWorkerScript(name, base) {
  for (const candidate of [`./${name}.ts`, `../${name}.js`, `./${name}.js`]) {
    const script = new URL(candidate, base);
    if (existsSync(script)) return script;
  }
  return null;
}

// src/archive/compress-pool.ts
var THREAD_LIMITS = { maxOldGenerationSizeMb: 32 };
var CompressPool = class {
  threads;
  inFlight;
  slots;
  script;
  nextId = 0;
  reserved = 0;
  waiting = [];
  /** Memory of compressed blocks, by size, for the next blocks: at most what can be in flight at once. */
  spare = /* @__PURE__ */ new Map();
  constructor(threads = availableParallelism()) {
    if (!Number.isInteger(threads) || threads < 1) throw new Error(`compression threads must be a whole number >= 1, not ${threads}`);
    this.threads = threads;
    this.inFlight = 2 * threads;
    this.slots = Array.from({ length: threads }, () => null);
    this.script = findWorkerScript("compress-worker", import.meta.url);
  }
  reserve() {
    if (this.reserved < this.inFlight) {
      this.reserved++;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }
  allocate(bytes) {
    return this.spare.get(bytes)?.pop() ?? new Uint8Array(bytes);
  }
  compress(job) {
    const script = this.script;
    const run = async () => script === null ? this.compressHere(job) : this.compressOnThread(job, script);
    return run().finally(() => this.release());
  }
  /** Stops the threads; blocks still being compressed fail. */
  async close() {
    await Promise.all(this.slots.map((thread) => thread?.worker.terminate()));
  }
  recycle(input) {
    const bytes = input.buffer.byteLength;
    const list = this.spare.get(bytes) ?? [];
    this.spare.set(bytes, list);
    if (list.length < this.inFlight) list.push(new Uint8Array(input.buffer));
  }
  release() {
    const next = this.waiting.shift();
    if (next) next();
    else this.reserved--;
  }
  compressOnThread(job, script) {
    const thread = this.leastBusy(script);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      thread.jobs.set(id, { resolve, reject });
      if (thread.jobs.size === 1) thread.worker.ref();
      thread.worker.postMessage({ id, job }, [job.input.buffer]);
    });
  }
  /** Without a thread script (an unusual packaging): the same bytes, compressed on libuv's threadpool instead. */
  async compressHere(job) {
    const output = await compressBlockAsync(job);
    this.recycle(job.input);
    return output;
  }
  leastBusy(script) {
    let best = -1;
    for (let i = 0; i < this.slots.length; i++) {
      const thread = this.slots[i];
      if (!thread) {
        const started = this.start(script, i);
        this.slots[i] = started;
        return started;
      }
      if (best < 0 || thread.jobs.size < this.slots[best].jobs.size) best = i;
    }
    return this.slots[best];
  }
  start(script, slot) {
    const worker = new Worker(script, { resourceLimits: THREAD_LIMITS });
    worker.unref();
    const thread = { worker, jobs: /* @__PURE__ */ new Map() };
    worker.on("message", (reply) => {
      const waiter = thread.jobs.get(reply.id);
      thread.jobs.delete(reply.id);
      if (thread.jobs.size === 0) worker.unref();
      if ("error" in reply) waiter?.reject(new Error(`layer compression failed: ${reply.error}`));
      else {
        this.recycle(reply.input);
        waiter?.resolve(Buffer.from(reply.output.buffer, reply.output.byteOffset, reply.output.byteLength));
      }
    });
    const lost = (error) => {
      if (this.slots[slot] === thread) this.slots[slot] = null;
      for (const waiter of thread.jobs.values()) waiter.reject(error);
      thread.jobs.clear();
    };
    worker.on("error", lost);
    worker.on("exit", (code) => lost(new Error(`layer compression thread exited with code ${code}`)));
    return thread;
  }
};
var shared = null;
function sharedCompressPool() {
  shared ??= new CompressPool();
  return shared;
}

// src/archive/compress.ts
async function compressLayer(tar, compression, destFile, options = {}) {
  const uncompressed = new HashingCounter();
  const compressed = new HashingCounter();
  const ownPool = compression !== "none" && options.threads !== void 0 ? new CompressPool(options.threads) : null;
  try {
    if (compression === "none") {
      await pipeline(tar, uncompressed.pass(), createWriteStream(destFile));
      const digest = uncompressed.digest();
      return { digest, diffId: digest, size: uncompressed.bytes, uncompressedSize: uncompressed.bytes };
    }
    const pool = ownPool ?? sharedCompressPool();
    const compress = (source) => compressInBlocks(source, compression, pool);
    await pipeline(tar, uncompressed.pass(), compress, compressed.pass(), createWriteStream(destFile));
    return { digest: compressed.digest(), diffId: uncompressed.digest(), size: compressed.bytes, uncompressedSize: uncompressed.bytes };
  } catch (err) {
    await unlink(destFile).catch(() => {
    });
    throw err;
  } finally {
    await ownPool?.close();
  }
}
var HashingCounter = class {
  bytes = 0;
  hash = createHash2("sha256");
  pass = () => {
    const counter = this;
    return async function* (source) {
      for await (const chunk of source) {
        counter.hash.update(chunk);
        counter.bytes += chunk.length;
        yield chunk;
      }
    };
  };
  digest() {
    return "sha256:" + this.hash.digest("hex");
  }
};

// src/pipeline/stored-blob.ts
import { randomBytes as randomBytes2 } from "node:crypto";
import { rm as rm2 } from "node:fs/promises";
import path from "node:path";
async function putStoredBlob(store, target, name, blob2) {
  const own = target.consumesFiles ? null : store.localBlobFile(blob2.digest);
  if (own) return target.putBlobFile(name, blob2, own);
  const staged = await stagingPath(target);
  try {
    await store.stageBlob(blob2, staged);
    return await target.putBlobFile(name, blob2, staged);
  } finally {
    await rm2(staged, { force: true });
  }
}
async function stagingPath(target) {
  return path.join(await target.stagingDir(), `blob-${process.pid}-${randomBytes2(8).toString("hex")}`);
}

// src/settings/build-settings.ts
var DEFAULT_UPLOAD_PARALLELISM = 8;

// src/pipeline/materialise.ts
async function materialiseLayers(image, plan, settings, cache, sink, onEvent) {
  const slots = {
    compress: pLimit(settings.parallelism ?? os.availableParallelism()),
    upload: pLimit(settings.uploadParallelism ?? DEFAULT_UPLOAD_PARALLELISM)
  };
  let done = 0;
  return Promise.all(
    plan.layers.map(async (spec) => {
      const layer = await cache.oneLayerAtATime(spec.cacheId, () => materialiseLayer(image, spec, plan, cache, sink, slots));
      onEvent({ type: "layer", image, index: ++done, count: plan.layers.length, cached: layer.cached, bytes: layer.layer.descriptor.size });
      return layer;
    })
  );
}
async function materialiseLayer(image, spec, plan, cache, sink, slots) {
  const cached = await slots.upload(async () => {
    const entry = await cache.getLayer(spec.cacheId);
    return entry && await reuseCachedLayer(image, entry, cache, sink) ? entry : null;
  });
  if (cached) return { layer: cached, cached: true, packedBytes: 0 };
  const staged = await stagingPath(sink);
  try {
    const digests = await slots.compress(() => compressLayer(spec.pack(), plan.compression, staged));
    const layer = {
      descriptor: { mediaType: layerMediaType(plan.compression), digest: digests.digest, size: digests.size },
      diffId: digests.diffId,
      uncompressedSize: digests.uncompressedSize
    };
    await slots.upload(async () => {
      await sink.putBlobFile(image, layer.descriptor, staged);
      await cache.putLayer(spec.cacheId, layer);
    });
    return { layer, cached: false, packedBytes: digests.uncompressedSize };
  } finally {
    await rm3(staged, { force: true });
  }
}
async function reuseCachedLayer(image, entry, cache, sink) {
  if (await sink.hasBlob(image, entry.descriptor)) return true;
  if (!await cache.store.hasBlob(entry.descriptor.digest, entry.descriptor.size)) return false;
  await putStoredBlob(cache.store, sink, image, entry.descriptor);
  return true;
}

// src/pipeline/known-layers.ts
var KNOWN_IMAGES_LIMIT = 64;
async function readKnownImages(store, name, tags = [], architecture = "amd64", snapshot) {
  let indexed;
  try {
    indexed = snapshot ?? await store.indexedImages();
  } catch {
    return [];
  }
  const wanted = new Set(name.split("/"));
  const ownRefs = new Set(tags.map((tag) => `${name}:${tag}`));
  const nearness = (ref) => {
    if (ownRefs.has(ref)) return Number.MAX_SAFE_INTEGER;
    const parts = refName(ref);
    return parts.join("/") === name ? Number.MAX_SAFE_INTEGER - 1 : parts.filter((part) => wanted.has(part)).length;
  };
  const refs = [...indexed.keys()].sort((a, b) => nearness(b) - nearness(a) || compareStrings(a, b));
  const digests = [...new Set(refs.map((ref) => indexed.get(ref)))].slice(0, KNOWN_IMAGES_LIMIT);
  const limit = pLimit(DEFAULT_UPLOAD_PARALLELISM);
  const images = await Promise.all(digests.map((digest) => limit(() => readStoreLayers(store, digest, architecture).catch(() => null))));
  return images.filter((layers) => layers !== null && layers.length > 0);
}
function refName(ref) {
  return ref.slice(0, ref.lastIndexOf(":")).split("/");
}
async function readStoreLayers(store, digest, architecture) {
  const top = await readVerified(store, digest);
  if (!top) return null;
  let manifest = parseJson(top);
  if (Array.isArray(manifest?.manifests)) {
    const entry = platformManifestsOf(top).find((m) => m.architecture === architecture);
    const bytes = entry ? await readVerified(store, entry.manifest.digest) : null;
    manifest = bytes ? parseJson(bytes) : null;
  }
  if (!manifest || !isDescriptor(manifest.config)) return null;
  const configBytes = await readVerified(store, manifest.config.digest);
  const config = configBytes ? parseJson(configBytes) : null;
  if (!config || config.architecture !== architecture || !Array.isArray(config.history)) return null;
  const layers = [];
  for (const entry of config.history) {
    const paths = storePathsOf(entry?.created_by);
    if (paths) layers.push(paths);
  }
  return layers;
}
async function readVerified(store, digest) {
  const bytes = await store.readBlob(digest);
  return bytes && sha256Digest(bytes) === digest ? bytes : null;
}
function parseJson(bytes) {
  try {
    return JSON.parse(bytes.toString("utf8"));
  } catch {
    return null;
  }
}

// src/pipeline/merge-platforms.ts
var MAX_ROUNDS = 20;
async function mergeIntoIndex(image, built, bucket, target, annotations = {}) {
  const name = image.name.canonical;
  for (const tag of image.tags) for (const entry of built) await bucket.putPlatformRecord(name, tag, entry);
  let first;
  for (const tag of image.tags) {
    const index = await settleTag(name, tag, bucket, target, annotations);
    first ??= index;
  }
  return first;
}
async function settleTag(name, tag, bucket, target, annotations) {
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const index = assembleIndex(await bucket.platformRecords(name, tag), annotations);
    const current = await bucket.resolveTag(name, tag);
    if (current?.digest === index.descriptor.digest) return index;
    await target.putManifest(name, index.descriptor, index.bytes);
    await target.tag(name, [tag], index.descriptor, index.bytes);
  }
  throw new Error(`${name}:${tag} in ${bucket.storage.location} kept changing under concurrent builds; run the build again`);
}

// src/archive/tar.ts
var import_tar_stream = __toESM(require_tar_stream(), 1);
import { Readable } from "node:stream";

// src/archive/store-walk.ts
import { closeSync, lstatSync, openSync, readdirSync, readlinkSync, readSync } from "node:fs";
import { setImmediate as nextTurn } from "node:timers/promises";
function* walkTree(diskPath, name) {
  const stack = [{ name, diskPath, stats: lstatSync(diskPath) }];
  for (let entry = stack.pop(); entry !== void 0; entry = stack.pop()) {
    yield entry;
    if (!entry.stats.isDirectory()) continue;
    const children = readdirSync(entry.diskPath, { encoding: "buffer" }).sort(Buffer.compare);
    for (let i = children.length - 1; i >= 0; i--) {
      const child = utf8Name(children[i], entry.diskPath);
      const childPath = entry.diskPath + "/" + child;
      stack.push({ name: entry.name + "/" + child, diskPath: childPath, stats: lstatSync(childPath) });
    }
  }
}
function readLinkTarget(diskPath) {
  return utf8Name(readlinkSync(diskPath, { encoding: "buffer" }), diskPath);
}
function readWholeFile(diskPath, size) {
  const fd = openSync(diskPath, "r");
  try {
    const buffer = Buffer.allocUnsafe(size + 1);
    let filled = 0;
    for (; ; ) {
      const bytesRead = readSync(fd, buffer, filled, buffer.length - filled, filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
      if (filled > size) break;
    }
    if (filled !== size) throw sizeChanged(diskPath, size);
    return buffer.subarray(0, size);
  } finally {
    closeSync(fd);
  }
}
function* readFileChunks(diskPath, chunkBytes) {
  const fd = openSync(diskPath, "r");
  try {
    for (; ; ) {
      const chunk = Buffer.allocUnsafeSlow(chunkBytes);
      const bytesRead = readSync(fd, chunk, 0, chunkBytes, null);
      if (bytesRead === 0) return;
      yield bytesRead === chunkBytes ? chunk : chunk.subarray(0, bytesRead);
    }
  } finally {
    closeSync(fd);
  }
}
function yieldEvery(milliseconds) {
  let sliceStart = performance.now();
  return () => {
    if (performance.now() - sliceStart < milliseconds) return void 0;
    return nextTurn().then(() => {
      sliceStart = performance.now();
    });
  };
}
function sizeChanged(diskPath, expected) {
  return new Error(
    `${diskPath} changed size while being archived (expected ${expected} bytes): store paths must not change during a build`
  );
}
function utf8Name(raw, where) {
  const text2 = raw.toString("utf8");
  if (!Buffer.from(text2, "utf8").equals(raw)) {
    throw new Error(`cannot archive a name that is not valid UTF-8 in ${where} (${JSON.stringify(text2)}): rename it`);
  }
  return text2;
}

// src/archive/tar.ts
var LAYER_MTIME_MS = 1e3;
var LAYER_MTIME = new Date(LAYER_MTIME_MS);
var IMPLIED_DIRECTORY_MODE = 493;
var STORE_DIR = "/nix/store";
var READ_CHUNK_BYTES = 512 * 1024;
var OUTPUT_CHUNK_BYTES = 256 * 1024;
var SMALL_FILE_BYTES = 64 * 1024;
var SLICE_MS = 4;
function packStorePaths(storePaths, options = {}) {
  const root = options.root ?? "/";
  for (const storePath of storePaths) assertTopLevelStorePath(storePath);
  const sorted = [...new Set(storePaths)].sort(compareBytewise);
  return tarReadable(async (pack) => {
    await addEntry(pack, directoryHeader("nix/", IMPLIED_DIRECTORY_MODE));
    await addEntry(pack, directoryHeader("nix/store/", IMPLIED_DIRECTORY_MODE));
    const slice = yieldEvery(SLICE_MS);
    for (const storePath of sorted) {
      for (const entry of walkTree(joinDiskPath(root, storePath), storePath.slice(1))) {
        await addWalkEntry(pack, entry, slice);
        await slice();
      }
    }
  });
}
function packEntries(entries) {
  const byPath = /* @__PURE__ */ new Map();
  for (const entry of entries) {
    assertImagePath(entry.path);
    if (entry.type !== "symlink") assertMode(entry.mode, entry.path);
    if (byPath.has(entry.path)) throw new Error(`layer entry "${entry.path}" is listed twice: keep only one`);
    byPath.set(entry.path, entry);
  }
  for (const entry of entries) {
    const parts = entry.path.split("/");
    for (let i = 2; i < parts.length; i++) {
      const parent = parts.slice(0, i).join("/");
      const existing = byPath.get(parent);
      if (existing === void 0) {
        byPath.set(parent, { type: "directory", path: parent, mode: IMPLIED_DIRECTORY_MODE });
      } else if (existing.type !== "directory") {
        throw new Error(`layer entry "${entry.path}" lies below "${parent}", which is a ${existing.type}: make "${parent}" a directory`);
      }
    }
  }
  const ordered = [...byPath.values()].sort((a, b) => comparePathsDepthFirst(a.path, b.path));
  return tarReadable(async (pack) => {
    for (const entry of ordered) {
      const name = entry.path.slice(1);
      switch (entry.type) {
        case "directory":
          await addEntry(pack, { ...directoryHeader(name + "/", entry.mode), ...ownerFields(entry.owner) });
          break;
        case "symlink":
          await addEntry(pack, symlinkHeader(name, entry.target));
          break;
        case "file":
          await addEntry(pack, { ...commonHeader(name, entry.mode), type: "file", size: entry.content.length }, entry.content);
          break;
      }
    }
  });
}
function tarReadable(fill) {
  async function* chunks() {
    const pack = import_tar_stream.default.pack();
    fill(pack).then(
      () => pack.finalize(),
      (err) => pack.destroy(err instanceof Error ? err : new Error(String(err)))
    );
    try {
      let pending = [];
      let pendingBytes = 0;
      for await (const chunk of pack) {
        if (pendingBytes === 0 && chunk.length >= OUTPUT_CHUNK_BYTES) {
          yield chunk;
          continue;
        }
        pending.push(chunk);
        pendingBytes += chunk.length;
        if (pendingBytes >= OUTPUT_CHUNK_BYTES) {
          yield Buffer.concat(pending, pendingBytes);
          pending = [];
          pendingBytes = 0;
        }
      }
      if (pendingBytes > 0) yield Buffer.concat(pending, pendingBytes);
    } finally {
      pack.destroy(null);
    }
  }
  return Readable.from(chunks(), { objectMode: false });
}
async function addWalkEntry(pack, entry, slice) {
  const { name, diskPath, stats } = entry;
  if (stats.isDirectory()) {
    await addEntry(pack, directoryHeader(name + "/", stats.mode));
  } else if (stats.isSymbolicLink()) {
    await addEntry(pack, symlinkHeader(name, readLinkTarget(diskPath)));
  } else if (stats.isFile()) {
    const header = { ...commonHeader(name, stats.mode), type: "file", size: stats.size };
    if (stats.size <= SMALL_FILE_BYTES) await addEntry(pack, header, readWholeFile(diskPath, stats.size));
    else await addFile(pack, header, diskPath, slice);
  } else {
    throw new Error(
      `cannot put ${diskPath} into a layer: it is a ${fileKind(stats)}, and layers hold only files, directories and symlinks`
    );
  }
}
function addEntry(pack, header, content) {
  return new Promise((resolve, reject) => {
    const done = (err) => err ? reject(err) : resolve();
    if (content === void 0) pack.entry(header, done);
    else pack.entry(header, content, done);
  });
}
async function addFile(pack, header, diskPath, slice) {
  let finish;
  const entryDone = new Promise((resolve, reject) => {
    finish = (err) => err ? reject(err) : resolve();
  });
  entryDone.catch(() => {
  });
  const sink = pack.entry(header, finish);
  sink.on("error", () => {
  });
  const expected = header.size;
  let written = 0;
  try {
    for (const chunk of readFileChunks(diskPath, READ_CHUNK_BYTES)) {
      written += chunk.length;
      if (written > expected) throw sizeChanged(diskPath, expected);
      if (!sink.write(chunk)) await drained(sink);
      await slice();
    }
    if (written !== expected) throw sizeChanged(diskPath, expected);
  } catch (err) {
    sink.destroy(err);
    throw err;
  }
  sink.end(null);
  await entryDone;
}
function drained(sink) {
  return new Promise((resolve, reject) => {
    const onDrain = () => {
      cleanup();
      resolve();
    };
    const onClose = () => {
      cleanup();
      reject(new Error("tar stream was closed while a file was being written into it"));
    };
    const cleanup = () => {
      sink.off("drain", onDrain);
      sink.off("close", onClose);
    };
    sink.on("drain", onDrain);
    sink.on("close", onClose);
  });
}
function commonHeader(name, mode) {
  return { name, mode: mode & 4095, uid: 0, gid: 0, uname: "root", gname: "root", mtime: new Date(LAYER_MTIME_MS) };
}
function directoryHeader(name, mode) {
  return { ...commonHeader(name, mode), type: "directory" };
}
function ownerFields(owner) {
  return owner ? { uid: owner.uid, gid: owner.gid, uname: "", gname: "" } : {};
}
function symlinkHeader(name, target) {
  return { ...commonHeader(name, 511), type: "symlink", linkname: target };
}
function fileKind(stats) {
  if (stats.isSocket()) return "socket";
  if (stats.isFIFO()) return "FIFO";
  if (stats.isBlockDevice()) return "block device";
  if (stats.isCharacterDevice()) return "character device";
  return "special file";
}
function assertTopLevelStorePath(storePath) {
  const name = storePath.startsWith(STORE_DIR + "/") ? storePath.slice(STORE_DIR.length + 1) : "";
  if (name === "" || name.includes("/") || name === "." || name === "..") {
    throw new Error(`"${storePath}" is not a store path: expected ${STORE_DIR}/<hash>-<name>`);
  }
}
function assertImagePath(path5) {
  const parts = path5.split("/");
  if (parts[0] !== "" || parts.length < 2 || parts.slice(1).some((p) => p === "" || p === "." || p === "..")) {
    throw new Error(`layer entry path "${path5}" must be absolute and normalised (e.g. /etc/passwd), without "." or ".." or a trailing "/"`);
  }
}
function assertMode(mode, path5) {
  if (!Number.isInteger(mode) || mode <= 0 || mode > 4095) {
    throw new Error(`layer entry "${path5}" has mode ${mode}: expected permission bits between 0o1 and 0o7777`);
  }
}
function joinDiskPath(root, absolutePath) {
  return root.endsWith("/") ? root + absolutePath.slice(1) : root + absolutePath;
}
function compareBytewise(a, b) {
  return Buffer.compare(Buffer.from(a, "utf8"), Buffer.from(b, "utf8"));
}
function comparePathsDepthFirst(a, b) {
  const pa = a.split("/");
  const pb = b.split("/");
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    const c = compareBytewise(pa[i], pb[i]);
    if (c !== 0) return c;
  }
  return pa.length - pb.length;
}

// src/image/customisation.ts
import { readdir, stat } from "node:fs/promises";
import path2 from "node:path";

// src/image/image-config.ts
import { posix } from "node:path";
var ImageConfigError = class extends UsageError {
  name = "ImageConfigError";
  path;
  constructor(path5, message) {
    super(message);
    this.path = path5;
  }
};
var CONFIG_KEYS = ["entrypoint", "cmd", "env", "user", "workdir", "ports", "labels", "stop-signal"];
function parseImageConfig2(entry) {
  const config = {};
  if (entry.entrypoint !== void 0) config.entrypoint = stringList(entry.entrypoint, "entrypoint");
  if (entry.cmd !== void 0) config.cmd = stringList(entry.cmd, "cmd");
  if (entry.env !== void 0) config.env = environment(entry.env);
  if (entry.user !== void 0) config.user = parseUser(scalar(entry.user, ["user"])).spelling;
  if (entry.workdir !== void 0) config.workdir = workdir(scalar(entry.workdir, ["workdir"]));
  if (entry.ports !== void 0) config.ports = ports(entry.ports);
  if (entry.labels !== void 0) config.labels = stringMap(entry.labels, "labels", (key, path5) => checkLabelKey(key, path5));
  if (entry["stop-signal"] !== void 0) config.stopSignal = stopSignal(scalar(entry["stop-signal"], ["stop-signal"]));
  return config;
}
var USER_NAME = /^[a-z_][a-z0-9_-]{0,31}$/;
var MAX_ID = 2 ** 31 - 1;
var DEFAULT_USER_ID = 1e3;
var WELL_KNOWN = { root: 0, nobody: 65534 };
function parseUser(text2, path5 = ["user"]) {
  const v = text2.trim();
  const ids = /^(\d+)(?::(\d+))?$/.exec(v);
  if (ids) {
    const uid = Number(ids[1]);
    const gid = ids[2] === void 0 ? uid : Number(ids[2]);
    if (uid > MAX_ID || gid > MAX_ID) throw new ImageConfigError(path5, `user "${text2}": ids go up to ${MAX_ID}`);
    const name = Object.keys(WELL_KNOWN).find((n) => WELL_KNOWN[n] === uid) ?? "app";
    return { spelling: v, name, uid, gid };
  }
  if (USER_NAME.test(v)) {
    const id = WELL_KNOWN[v] ?? DEFAULT_USER_ID;
    return { spelling: v, name: v, uid: id, gid: id };
  }
  throw new ImageConfigError(path5, `user "${text2}" is not a user name (lowercase, e.g. app), a uid (1000) or uid:gid (1000:1000)`);
}
function workdir(text2) {
  const v = text2.trim();
  if (!v.startsWith("/")) throw new ImageConfigError(["workdir"], `workdir "${text2}" is not an absolute path (e.g. /srv)`);
  const trimmed = v.length > 1 ? v.replace(/\/+$/, "") : v;
  const normal = posix.normalize(trimmed);
  if (normal !== trimmed) {
    throw new ImageConfigError(["workdir"], `workdir "${text2}": write it plainly, as ${normal}`);
  }
  if (normal === "/nix" || normal.startsWith("/nix/")) {
    throw new ImageConfigError(["workdir"], `workdir "${text2}" lies in /nix, which holds the read-only store`);
  }
  return normal;
}
var PORT = /^(\d{1,5})(?:\/(tcp|udp|sctp))?$/i;
function ports(value) {
  const list = Array.isArray(value) ? value : [value];
  const result = list.map((item, i) => {
    const text2 = scalar(item, ["ports", i]);
    const m = PORT.exec(text2.trim());
    const port = m ? Number(m[1]) : 0;
    if (!m || port < 1 || port > 65535) {
      throw new ImageConfigError(["ports", i], `port "${text2}" is not PORT or PORT/PROTOCOL (1-65535, tcp, udp or sctp), e.g. 8080/tcp`);
    }
    return `${port}/${(m[2] ?? "tcp").toLowerCase()}`;
  });
  return [...new Set(result)];
}
var SIGNAL = /^(?:SIG[A-Z0-9]+(?:[+-]\d+)?|\d{1,2})$/;
function stopSignal(text2) {
  const v = text2.trim();
  if (!SIGNAL.test(v)) throw new ImageConfigError(["stop-signal"], `stop-signal "${text2}" is not a signal such as SIGTERM, SIGINT or 15`);
  return v;
}
var ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
function environment(value) {
  if (Array.isArray(value)) {
    const map = {};
    value.forEach((item, i) => {
      const text2 = scalar(item, ["env", i]);
      const eq = text2.indexOf("=");
      if (eq <= 0) throw new ImageConfigError(["env", i], `env entry "${text2}" is not NAME=VALUE`);
      const name = text2.slice(0, eq);
      checkEnvName(name, ["env", i]);
      map[name] = text2.slice(eq + 1);
    });
    return map;
  }
  return stringMap(value, "env", checkEnvName);
}
function checkEnvName(name, path5) {
  if (!ENV_NAME.test(name)) {
    throw new ImageConfigError(path5, `env name "${name}" is not a variable name (letters, digits and _, not starting with a digit)`);
  }
}
function checkLabelKey(key, path5) {
  if (key.trim() === "") throw new ImageConfigError(path5, "labels: a label key is empty");
}
function stringMap(value, key, checkKey) {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new ImageConfigError([key], `${key} is not a map of names to values (e.g. ${key}: { NAME: value })`);
  }
  const map = {};
  for (const [k, v] of Object.entries(value)) {
    checkKey(k, [key, k]);
    map[k] = scalar(v, [key, k]);
  }
  return map;
}
function stringList(value, key) {
  if (typeof value === "string") return [value];
  if (!Array.isArray(value) || value.length === 0) {
    throw new ImageConfigError([key], `${key} is not a list of strings (e.g. ${key}: [/bin/app, --flag])`);
  }
  return value.map((item, i) => scalar(item, [key, i]));
}
function scalar(value, path5) {
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  throw new ImageConfigError(
    path5,
    `${path5.join(".")} must be a string, not ${value === null ? "empty" : Array.isArray(value) ? "a list" : typeof value}`
  );
}
function declaresCommand(config) {
  return config.entrypoint !== void 0 || config.cmd !== void 0;
}

// src/image/customisation.ts
var DIR_MODE = 493;
var FILE_MODE = 420;
var STICKY_TMP_MODE = 1023;
var PATH_ENV = "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
var CA_BUNDLES = ["etc/ssl/certs/ca-bundle.crt", "etc/ssl/certs/ca-certificates.crt"];
var SKIPPED_TOP_LEVEL = /* @__PURE__ */ new Set(["nix-support"]);
var PASSWD = "root:x:0:0:System administrator:/root:/bin/sh\nnobody:x:65534:65534:Unprivileged account:/var/empty:/bin/false\n";
var GROUP = "root:x:0:\nnobody:x:65534:\n";
var NSSWITCH = "passwd: files\ngroup: files\nshadow: files\nhosts: files dns\n";
async function buildCustomisation(name, topLevelPaths, closurePaths, config = {}) {
  const farm = /* @__PURE__ */ new Map();
  const addDir = (p) => farm.set(p, { type: "directory", path: p, mode: DIR_MODE });
  const roots = [];
  for (const storePath of topLevelPaths) if (await isDirectory(storePath)) roots.push(storePath);
  const topNames = /* @__PURE__ */ new Set();
  for (const root of roots) for (const child of await childDirectories(root)) topNames.add(child);
  for (const top of [...topNames].sort()) {
    addDir(`/${top}`);
    const providers = [];
    for (const root of roots) if (await isDirectory(path2.join(root, top))) providers.push(path2.join(root, top));
    await linkTree(`/${top}`, providers, farm);
  }
  for (const dir of ["/etc", "/tmp", "/root", "/usr", "/usr/bin", "/var", "/var/empty"]) if (!farm.has(dir)) addDir(dir);
  farm.set("/tmp", { type: "directory", path: "/tmp", mode: STICKY_TMP_MODE });
  const user = config.user === void 0 ? void 0 : parseUser(config.user);
  const home = user && addUser(user, farm);
  if (config.workdir !== void 0) addWorkdir(config.workdir, user, farm);
  for (const [file, content] of [
    ["/etc/passwd", PASSWD + (home ? `${user.name}:x:${user.uid}:${user.gid}::${home}:/bin/sh
` : "")],
    ["/etc/group", GROUP + (user && !WELL_KNOWN_IDS.has(user.gid) ? `${user.name}:x:${user.gid}:
` : "")],
    ["/etc/nsswitch.conf", NSSWITCH]
  ]) {
    farm.set(file, { type: "file", path: file, mode: FILE_MODE, content: Buffer.from(content) });
  }
  const env = farm.get("/bin/env");
  if (env?.type === "symlink" && farm.get("/usr/bin")?.type === "directory" && !farm.has("/usr/bin/env")) {
    farm.set("/usr/bin/env", { type: "symlink", path: "/usr/bin/env", target: env.target });
  }
  const environment2 = [PATH_ENV];
  const caBundle = await findCaBundle(farm, closurePaths);
  if (caBundle) environment2.push(`SSL_CERT_FILE=${caBundle}`);
  if (home) environment2.push(`HOME=${home}`);
  const cmd = config.cmd ?? (!declaresCommand(config) && wantsShell(name) ? ["/bin/bash"] : void 0);
  return {
    entries: [...farm.values()].sort((a, b) => compareStrings(a.path, b.path)),
    env: mergeEnv(environment2, config.env ?? {}),
    ...cmd ? { cmd } : {}
  };
}
var WELL_KNOWN_IDS = /* @__PURE__ */ new Set([0, 65534]);
function addUser(user, farm) {
  if (WELL_KNOWN_IDS.has(user.uid)) return void 0;
  const home = `/home/${user.name}`;
  if (farm.has("/home") && farm.get("/home").type !== "directory") {
    throw new ImageConfigError(["user"], `user "${user.spelling}": a package links /home, so no home can be made in it`);
  }
  if (!farm.has("/home")) farm.set("/home", { type: "directory", path: "/home", mode: DIR_MODE });
  farm.set(home, { type: "directory", path: home, mode: DIR_MODE, owner: { uid: user.uid, gid: user.gid } });
  return home;
}
function addWorkdir(workdir2, user, farm) {
  const parts = workdir2.split("/").filter(Boolean);
  for (let i = 1; i <= parts.length; i++) {
    const p = "/" + parts.slice(0, i).join("/");
    const existing = farm.get(p);
    if (existing === void 0) {
      const last = i === parts.length;
      const owner = last && user && user.uid !== 0 ? { owner: { uid: user.uid, gid: user.gid } } : {};
      farm.set(p, { type: "directory", path: p, mode: DIR_MODE, ...owner });
    } else if (existing.type !== "directory") {
      throw new ImageConfigError(
        ["workdir"],
        `workdir "${workdir2}": ${p} comes from a package (a link into the store), so it cannot be created there`
      );
    }
  }
}
function mergeEnv(base, declared) {
  const merged = new Map(base.map((entry) => [entry.slice(0, entry.indexOf("=")), entry.slice(entry.indexOf("=") + 1)]));
  for (const [key, value] of Object.entries(declared)) merged.set(key, value);
  return [...merged].map(([key, value]) => `${key}=${value}`);
}
async function linkTree(target, providers, farm) {
  const names = /* @__PURE__ */ new Map();
  for (const provider of providers) {
    for (const name of (await readdir(provider)).sort()) {
      const list = names.get(name) ?? [];
      list.push(path2.join(provider, name));
      names.set(name, list);
    }
  }
  for (const [name, sources] of [...names].sort(([a], [b]) => compareStrings(a, b))) {
    const entryPath = `${target}/${name}`;
    const directories = [];
    for (const source of sources) if (await isDirectory(source)) directories.push(source);
    if (directories.length > 1 && directories[0] === sources[0]) {
      farm.set(entryPath, { type: "directory", path: entryPath, mode: DIR_MODE });
      await linkTree(entryPath, directories, farm);
    } else {
      farm.set(entryPath, { type: "symlink", path: entryPath, target: sources[0] });
    }
  }
}
async function findCaBundle(farm, closurePaths) {
  for (const bundle of CA_BUNDLES) if (await farmPathExists(farm, `/${bundle}`)) return `/${bundle}`;
  for (const storePath of [...closurePaths].sort()) {
    for (const bundle of CA_BUNDLES) if (await isFile(path2.join(storePath, bundle))) return path2.join(storePath, bundle);
  }
  return null;
}
async function farmPathExists(farm, imagePath) {
  const parts = imagePath.split("/").filter(Boolean);
  for (let i = parts.length; i > 0; i--) {
    const entry = farm.get("/" + parts.slice(0, i).join("/"));
    if (entry?.type === "symlink") return isFile(path2.join(entry.target, ...parts.slice(i)));
    if (entry) return false;
  }
  return false;
}
async function childDirectories(dir) {
  const children = [];
  for (const name of await readdir(dir)) {
    if (!SKIPPED_TOP_LEVEL.has(name) && await isDirectory(path2.join(dir, name))) children.push(name);
  }
  return children;
}
async function isDirectory(p) {
  try {
    return (await stat(p)).isDirectory();
  } catch {
    return false;
  }
}
async function isFile(p) {
  try {
    return (await stat(p)).isFile();
  } catch {
    return false;
  }
}

// src/pipeline/cache.ts
import { createHash as createHash3 } from "node:crypto";

// src/storage/image-store.ts
import { createWriteStream as createWriteStream2 } from "node:fs";
import { copyFile as copyFile2, link as link2 } from "node:fs/promises";
import { pipeline as pipeline2 } from "node:stream/promises";

// src/oci/references.ts
function manifestReferences(bytes) {
  if (bytes.length === 0 || bytes[0] !== 123) return null;
  let parsed;
  try {
    parsed = JSON.parse(bytes.toString("utf8"));
  } catch {
    return null;
  }
  if (typeof parsed !== "object" || parsed === null) return null;
  const children = [];
  if (isDescriptor(parsed.config)) children.push(parsed.config);
  for (const field of ["layers", "manifests", "blobs"]) {
    const list = parsed[field];
    if (Array.isArray(list)) children.push(...list.filter(isDescriptor));
  }
  const subject = isDescriptor(parsed.subject) ? parsed.subject.digest : void 0;
  return { children, ...subject ? { subject } : {} };
}
function isManifestType(mediaType) {
  return /manifest|index/.test(mediaType);
}

// src/storage/image-store.ts
var REF_NAME_ANNOTATION = "org.opencontainers.image.ref.name";
function repairCommand(location) {
  return `nixery index --repair --storage ${location}`;
}
function warnOnStderr(message) {
  process.stderr.write(`nixery: warning: ${message}
`);
}
var ImageStore = class _ImageStore {
  storage;
  onWarning;
  constructor(storage, options = {}) {
    this.storage = storage;
    this.onWarning = options.onWarning ?? warnOnStderr;
  }
  /** The same bucket, with warnings going to `onWarning` (the registry's log, say). */
  withWarnings(onWarning) {
    return new _ImageStore(this.storage, { onWarning });
  }
  async hasBlob(digest, size) {
    return isBlob(await this.storage.stat(blobKey(digest)), digest, size);
  }
  /**
   * A writer's existence check: whether the bucket holds the blob, and if so its liveness mark is refreshed (a
   * touch), so a garbage collector that has not yet decided about it leaves it alone. Readers use hasBlob.
   */
  async reuseBlob(digest, size) {
    return isBlob(await this.storage.touch(blobKey(digest)), digest, size);
  }
  /** Stores a staged blob unless the bucket already holds it; returns the bytes actually written. */
  async putBlobFile(descriptor, localPath) {
    if (await this.reuseBlob(descriptor.digest, descriptor.size)) return 0;
    await this.storage.writeFile(blobKey(descriptor.digest), localPath, { contentType: descriptor.mediaType, digest: descriptor.digest });
    return descriptor.size;
  }
  async putBlobBytes(descriptor, bytes) {
    if (await this.reuseBlob(descriptor.digest, descriptor.size)) return 0;
    await this.storage.writeBytes(blobKey(descriptor.digest), bytes, { contentType: descriptor.mediaType, digest: descriptor.digest });
    return descriptor.size;
  }
  /**
   * Stores a manifest whose blobs are stored. A manifest with a subject (a referrer, such as an SBOM) is reachable
   * as soon as it is written, with no tag, so its blobs are kept alive first, as a tag's are (docs/garbage-collection.md).
   */
  async putManifest(descriptor, bytes) {
    const references = manifestReferences(bytes);
    if (references?.subject) await keepAlive(this.storage, [references.subject, ...references.children.map((c) => c.digest)]);
    return this.putBlobBytes(descriptor, bytes);
  }
  /**
   * The manifest and every blob it names, following indexes: what a tag makes reachable. Null when the manifest is
   * not stored; a child manifest that is missing is left for keepAlive to report.
   */
  async closure(manifest) {
    const found = /* @__PURE__ */ new Set([manifest]);
    const pending = [manifest];
    for (let digest = pending.pop(); digest !== void 0; digest = pending.pop()) {
      const bytes = await this.readBlob(digest);
      if (!bytes) {
        if (digest === manifest) return null;
        continue;
      }
      for (const child of manifestReferences(bytes)?.children ?? []) {
        if (found.has(child.digest)) continue;
        found.add(child.digest);
        if (isManifestType(child.mediaType)) pending.push(child.digest);
      }
    }
    return [...found];
  }
  /** The file that holds a blob, when the bucket is a local folder (readers may use it; nobody may move it). */
  localBlobFile(digest) {
    return this.storage.local?.path(blobKey(digest)) ?? null;
  }
  /**
   * Puts a stored blob at a local path (to hand to another target). A folder bucket links its own file there when it
   * can (instant: blobs are never written again), else copies it; other buckets download it.
   */
  async stageBlob(blob2, localPath) {
    const key = blobKey(blob2.digest);
    const own = this.storage.local?.path(key);
    if (own) return link2(own, localPath).catch(() => copyFile2(own, localPath));
    const stream = await this.storage.openRead(key);
    if (!stream) throw new Error(`blob ${blob2.digest} is not in ${this.storage.location}`);
    await pipeline2(stream, createWriteStream2(localPath));
  }
  async readBlob(digest) {
    return this.storage.readBytes(blobKey(digest));
  }
  /**
   * Stores an artifact manifest, then the record that lists it among `subject`'s referrers (after the manifest, so a
   * listed referrer is always there); returns the manifest bytes written.
   */
  async putReferrer(subject, referrer, bytes) {
    const sent = await this.putBlobBytes(referrer, bytes);
    const key = referrerKey(subject.digest, referrer.digest);
    const record = Buffer.from(JSON.stringify(referrer));
    const existing = await this.storage.readBytes(key);
    if (!existing?.equals(record)) await this.storage.writeBytes(key, record, { contentType: "application/json" });
    return sent;
  }
  /** The descriptors of the artifacts that refer to `subjectDigest`, in digest order; unreadable records are skipped. */
  async listReferrers(subjectDigest) {
    const referrers = [];
    for (const key of (await this.storage.list(referrersPrefix(subjectDigest))).sort(compareStrings)) {
      const bytes = await this.storage.readBytes(key);
      let record = null;
      try {
        record = bytes ? JSON.parse(bytes.toString("utf8")) : null;
      } catch {
      }
      if (isDescriptor(record) && await this.hasBlob(record.digest, record.size)) referrers.push(record);
    }
    return referrers;
  }
  /** Points name:tag at a manifest that is already stored, then refreshes the OCI index. */
  async tag(name, tag, manifest) {
    await this.tagAll(name, [tag], manifest);
  }
  /**
   * Points every name:tag at one stored manifest; the index, which lists all tags, is refreshed once. Once the tag
   * objects are written the image is complete and pullable by tag, so a failed index refresh is a warning (with
   * the command that repairs it), not a failure: the index is derived and the next build or repair rewrites it.
   */
  async tagAll(name, tags, manifest) {
    const closure = await this.hasBlob(manifest.digest, manifest.size) ? await this.closure(manifest.digest) : null;
    if (!closure) {
      throw new Error(`cannot tag ${name}:${tags.join(",")}: manifest ${manifest.digest} is not in ${this.storage.location}`);
    }
    await keepAlive(this.storage, closure);
    const record = tagRecord(manifest);
    for (const tag of new Set(tags)) {
      await this.storage.writeBytes(tagKey(name, tag), record, { contentType: "application/json" });
    }
    try {
      await this.refreshIndex();
    } catch (error) {
      this.onWarning(
        `${name}:${[...new Set(tags)].join(",")} is stored and tagged, but index.json in ${this.storage.location} was not refreshed (${error.message}); OCI layout readers such as skopeo miss the tag until "${repairCommand(this.storage.location)}" or the next build`
      );
    }
  }
  /**
   * Removes name:tag for each tag (its tag object; blobs stay for `nixery gc`), then refreshes the OCI index once.
   * Returns the tags that were there. A failed index refresh is a warning, as for tagAll.
   */
  async untag(name, tags) {
    const removed = [];
    for (const tag of new Set(tags)) {
      for (const key of await this.storage.list(platformRecordsPrefix(name, tag))) await this.storage.delete(key);
      if (!await this.storage.stat(tagKey(name, tag))) continue;
      await this.storage.delete(tagKey(name, tag));
      removed.push(tag);
    }
    if (removed.length === 0) return removed;
    try {
      await this.refreshIndex();
    } catch (error) {
      this.onWarning(
        `${name}:${removed.join(",")} untagged, but index.json in ${this.storage.location} was not refreshed (${error.message}); OCI layout readers still list the tag until "${repairCommand(this.storage.location)}"`
      );
    }
    return removed;
  }
  /** Records that `manifest` (stored already) is name:tag's image for one architecture, for merging into an index. */
  async putPlatformRecord(name, tag, entry) {
    const { manifest, architecture } = entry;
    if (!await this.hasBlob(manifest.digest, manifest.size)) {
      throw new Error(`cannot record ${name}:${tag} for ${architecture}: manifest ${manifest.digest} is not in ${this.storage.location}`);
    }
    await keepAlive(this.storage, await this.closure(manifest.digest) ?? [manifest.digest]);
    await this.storage.writeBytes(platformRecordKey(name, tag, architecture), tagRecord(manifest), { contentType: "application/json" });
  }
  /** Every platform recorded for name:tag whose manifest is still stored; unreadable records are skipped with a warning. */
  async platformRecords(name, tag) {
    const entries = [];
    for (const key of await this.storage.list(platformRecordsPrefix(name, tag))) {
      const architecture = ARCHES.find((a) => key === platformRecordKey(name, tag, a));
      if (!architecture) continue;
      const bytes = await this.storage.readBytes(key);
      const manifest = bytes ? parseTagRecord(bytes) : null;
      if (!manifest) {
        if (bytes)
          this.onWarning(
            `platform record ${key} in ${this.storage.location} is not a record; ${architecture} is left out of ${name}:${tag}`
          );
        continue;
      }
      if (await this.hasBlob(manifest.digest, manifest.size)) entries.push({ manifest, architecture });
    }
    return entries;
  }
  /** The manifest name:tag points at; null when there is no tag object, or it holds no tag record (with a warning). */
  async resolveTag(name, tag) {
    const read = await this.readTag(name, tag);
    if (typeof read !== "string") return read;
    this.onWarning(read);
    return null;
  }
  /** Every readable tag; an unreadable tag object is skipped with a warning. */
  async listTaggedImages() {
    const { images, unreadable } = await this.readTags();
    for (const message of unreadable) this.onWarning(message);
    return images;
  }
  /**
   * `name:tag` -> manifest digest as index.json lists them: one read for the whole bucket. The index is derived
   * and may lag a tag object, so this is for advisory uses (the planner's known layers); empty when missing or damaged.
   */
  async indexedImages() {
    return indexEntries((await this.storage.readBytes(INDEX_KEY))?.toString("utf8") ?? "");
  }
  /**
   * Rewrites index.json from the tag objects when it differs (a build killed between its tag and the index, a
   * stale or damaged index.json), and says what changed: `nixery index --repair`.
   */
  async repairIndex() {
    return this.refreshIndex();
  }
  /** A tag's record; a message naming the object when it holds none (empty, cut short, not JSON, wrong fields). */
  async readTag(name, tag) {
    const key = tagKey(name, tag);
    const bytes = await this.storage.readBytes(key);
    if (!bytes) return null;
    return parseTagRecord(bytes) ?? `tag object ${key} in ${this.storage.location} is ${bytes.length === 0 ? "empty" : "not a tag record"}: ${name}:${tag} is treated as unknown until it is built (tagged) again`;
  }
  /** Manifests named by platform records (of builds merged into a tag's index): roots for gc, like tags. */
  async platformRecordManifests() {
    const digests = [];
    for (const key of await this.storage.list(TAGS_PREFIX)) {
      if (!isPlatformRecordKey(key)) continue;
      const bytes = await this.storage.readBytes(key);
      const manifest = bytes ? parseTagRecord(bytes) : null;
      if (manifest) digests.push(manifest.digest);
    }
    return digests;
  }
  /** Every tag, and messages for tag objects that hold no tag record, without warning (callers decide). */
  async readTags() {
    const images = [];
    const unreadable = [];
    for (const key of await this.storage.list(TAGS_PREFIX)) {
      const parsed = parseTagKey(key);
      if (!parsed) continue;
      const read = await this.readTag(parsed.name, parsed.tag);
      if (typeof read === "string") unreadable.push(read);
      else if (read) images.push({ ...parsed, manifest: read });
    }
    return { images, unreadable };
  }
  /**
   * index.json is derived from the tag objects. Writers race, so after writing we list again and rewrite until
   * what we wrote matches what is there: the last writer always re-checks after its own write, so it converges.
   * An index.json that already holds what we derive is left alone (someone derived it after our tags were written).
   *
   * A tag record that does not parse is left out. On object stores whose overwrites are not atomic (s3rver writes
   * in place) a reader may catch a record mid-write; that is one writer's tag still in flight, and that writer
   * refreshes the index itself after its write completes, reading the whole record then. Every index write is
   * followed by a derivation from its writer, so the index ends up with every complete record. Warnings about
   * unreadable records are given once, from the last derivation, so a record caught mid-write and whole the
   * next time is not reported.
   */
  async refreshIndex() {
    if (!await this.storage.stat(OCI_LAYOUT_KEY)) {
      await this.storage.writeBytes(OCI_LAYOUT_KEY, Buffer.from(OCI_LAYOUT_CONTENT));
    }
    const existing = (await this.storage.readBytes(INDEX_KEY))?.toString("utf8") ?? "";
    let written = existing;
    let rewritten = false;
    for (let attempt = 0; attempt < 20; attempt++) {
      const { images, unreadable } = await this.readTags();
      const index = serializeIndex(images);
      if (index === written) {
        for (const message of unreadable) this.onWarning(message);
        return { before: indexEntries(existing), after: indexEntries(index), rewritten, unreadable };
      }
      await this.storage.writeBytes(INDEX_KEY, Buffer.from(index), { contentType: MediaType.ociIndex });
      written = index;
      rewritten = true;
    }
    throw new Error(`index.json in ${this.storage.location} kept changing under concurrent writers; run the build again`);
  }
};
function isBlob(info, digest, size) {
  if (info?.sha256 !== void 0 && `sha256:${info.sha256}` !== digest) return false;
  return info !== null && (size === void 0 || info.size === size);
}
function serializeIndex(images) {
  const manifests = images.map((image) => ({
    ...image.manifest,
    annotations: { [REF_NAME_ANNOTATION]: `${image.name}:${image.tag}` }
  })).sort((a, b) => compareStrings(a.annotations[REF_NAME_ANNOTATION], b.annotations[REF_NAME_ANNOTATION]));
  return JSON.stringify({ schemaVersion: 2, mediaType: MediaType.ociIndex, manifests });
}
function tagRecord(manifest) {
  return Buffer.from(JSON.stringify({ mediaType: manifest.mediaType, digest: manifest.digest, size: manifest.size }));
}
function parseTagRecord(bytes) {
  let record;
  try {
    record = JSON.parse(bytes.toString("utf8"));
  } catch {
    return null;
  }
  if (typeof record !== "object" || record === null) return null;
  const { mediaType, digest, size } = record;
  if (typeof mediaType !== "string" || mediaType === "" || typeof digest !== "string" || !isSha256Digest(digest)) return null;
  if (typeof size !== "number" || !Number.isSafeInteger(size) || size < 0) return null;
  return { mediaType, digest, size };
}
function indexEntries(text2) {
  const entries = /* @__PURE__ */ new Map();
  try {
    const index = JSON.parse(text2);
    if (!Array.isArray(index.manifests)) return entries;
    for (const entry of index.manifests) {
      const ref = entry?.annotations?.[REF_NAME_ANNOTATION];
      if (typeof ref === "string" && typeof entry?.digest === "string") entries.set(ref, entry.digest);
    }
  } catch {
  }
  return entries;
}

// src/pipeline/cache.ts
var IMAGE_FORMAT_VERSION = 3;
function layerCacheId(compression, content) {
  const subject = "storePaths" in content ? { storePaths: [...content.storePaths].sort() } : { entriesHash: content.entriesHash };
  return hashKey({ v: IMAGE_FORMAT_VERSION, compression, ...subject });
}
function manifestCacheId(input) {
  const { sourceId, arch, budget, compression, image } = input;
  const packages2 = [...input.packages].sort();
  return hashKey({ v: IMAGE_FORMAT_VERSION, sourceId, arch, packages: packages2, budget, compression, ...image ? { image } : {} });
}
var BuildCache = class {
  storage;
  /** The bucket itself: cached layers' blobs are read back from it for targets that lack them. */
  store;
  /** The last turn taken per layer-cache id, for `oneLayerAtATime`. */
  layerTurns = /* @__PURE__ */ new Map();
  constructor(storage) {
    this.storage = storage;
    this.store = new ImageStore(storage);
  }
  /**
   * Runs `work` for layer `id` once every earlier call for the same id (through this cache) has settled. Images built
   * side by side (an images file) then pack a layer they share once: the later one finds it in the cache.
   */
  async oneLayerAtATime(id, work) {
    const earlier = this.layerTurns.get(id);
    const turn = (earlier ?? Promise.resolve()).catch(() => {
    }).then(work);
    this.layerTurns.set(id, turn);
    try {
      return await turn;
    } finally {
      if (this.layerTurns.get(id) === turn) this.layerTurns.delete(id);
    }
  }
  async getLayer(id) {
    const entry = await this.readJson(layerCacheKey(id));
    return isCachedLayer(entry) ? entry : null;
  }
  async putLayer(id, layer) {
    await this.storage.writeBytes(layerCacheKey(id), Buffer.from(JSON.stringify(layer)), { contentType: "application/json" });
  }
  async getManifest(id) {
    const entry = await this.readJson(manifestCacheKey(id));
    if (!isDescriptor(entry)) return null;
    const { sbom, licenses, ...manifest } = entry;
    if (!isDescriptor(sbom)) return null;
    return { manifest, sbom, ...typeof licenses === "string" ? { licenses } : {} };
  }
  /**
   * Records a built image: its manifest, and what assembling it again with other metadata needs besides the blobs
   * the manifest names: its SBOM document and its licenses.
   */
  async putManifest(id, entry) {
    const record = { ...entry.manifest, sbom: entry.sbom, ...entry.licenses ? { licenses: entry.licenses } : {} };
    await this.storage.writeBytes(manifestCacheKey(id), Buffer.from(JSON.stringify(record)), { contentType: "application/json" });
  }
  /**
   * The content of the image a manifest-cache entry names, when its manifest, config and SBOM document (each of
   * which must hash to its digest) are in this bucket and `present` says the layers and the SBOM document are still
   * at the destination; otherwise null, and the image is built. The caller assembles it with its own metadata.
   */
  async findImage(id, present) {
    const entry = await this.getManifest(id);
    if (!entry) return null;
    const bytes = await this.readVerified(entry.manifest);
    const parsed = bytes ? parseJson2(bytes) : null;
    if (!parsed || !isDescriptor(parsed.config) || !Array.isArray(parsed.layers) || !parsed.layers.every(isDescriptor)) return null;
    const configBytes = await this.readVerified(parsed.config);
    const config = configBytes ? parseImageConfig(configBytes) : null;
    const sbomBytes = await this.readVerified(entry.sbom);
    if (!config || !sbomBytes) return null;
    for (const blob2 of [...parsed.layers, entry.sbom]) if (!await present(blob2)) return null;
    return {
      manifest: entry.manifest,
      content: {
        config,
        layers: parsed.layers,
        ...entry.licenses ? { licenses: entry.licenses } : {},
        sbom: { descriptor: entry.sbom, bytes: sbomBytes }
      }
    };
  }
  /** A small blob of this bucket whose bytes hash to its digest; null when missing or damaged. */
  async readVerified(blob2) {
    const bytes = await this.storage.readBytes(blobKey(blob2.digest));
    return bytes && sha256Digest(bytes) === blob2.digest ? bytes : null;
  }
  /** A corrupt or foreign cache object is a miss, never an error: the cache only ever saves work. */
  async readJson(key) {
    const bytes = await this.storage.readBytes(key);
    return bytes ? parseJson2(bytes) : null;
  }
};
function parseJson2(bytes) {
  try {
    return JSON.parse(bytes.toString("utf8"));
  } catch {
    return null;
  }
}
function hashKey(value) {
  return createHash3("sha256").update(JSON.stringify(value)).digest("hex");
}
function isCachedLayer(value) {
  const l = value;
  return typeof l === "object" && l !== null && isDescriptor(l.descriptor) && typeof l.diffId === "string" && isSha256Digest(l.diffId) && typeof l.uncompressedSize === "number";
}

// src/pipeline/plan.ts
async function planImage(image, realised, settings, known = []) {
  const { compression, budget } = settings;
  const storeLayers = earlierPlanOf(realised.closure, budget, known) ?? planLayers(realised.closure, budget, known.flat());
  const customisation = await buildCustomisation(image.name, realised.outputs, Object.keys(realised.closure.paths), image.config);
  return {
    layers: [
      ...storeLayers.map((paths) => ({
        cacheId: layerCacheId(compression, { storePaths: paths }),
        createdBy: STORE_PATHS_HISTORY_PREFIX + paths.join(" "),
        pack: () => packStorePaths(paths)
      })),
      {
        cacheId: layerCacheId(compression, { entriesHash: hashEntries(customisation.entries) }),
        createdBy: "nixery customisation layer: symlink farm, /etc files, /tmp",
        pack: () => packEntries(customisation.entries)
      }
    ],
    env: customisation.env,
    ...customisation.cmd ? { cmd: customisation.cmd } : {},
    compression
  };
}
function hashEntries(entries) {
  return sha256Digest(JSON.stringify(entries.map((e) => e.type === "file" ? { ...e, content: sha256Digest(e.content) } : e)));
}

// src/pipeline/publish.ts
async function publishImage(image, assembled, target, cache) {
  const name = image.name.canonical;
  await target.putBlobBytes(name, assembled.config.descriptor, assembled.config.bytes);
  await target.putManifest(name, assembled.manifest.descriptor, assembled.manifest.bytes);
  const { sbom } = assembled;
  for (const blob2 of sbom.blobs) await target.putBlobBytes(name, blob2.descriptor, blob2.bytes);
  await target.putReferrer(name, assembled.manifest.descriptor, sbom.manifest.descriptor, sbom.manifest.bytes);
  if (image.manifestCacheId && cache) {
    await cache.putManifest(image.manifestCacheId, {
      manifest: assembled.manifest.descriptor,
      sbom: assembled.content.sbom.descriptor,
      ...assembled.content.licenses ? { licenses: assembled.content.licenses } : {}
    });
  }
}
async function publishIndex(image, index, target) {
  await target.putManifest(image.name.canonical, index.descriptor, index.bytes);
  await tagImage(image, target, index);
}
async function tagImage(image, target, manifest) {
  await target.tag(image.name.canonical, image.tags, manifest.descriptor, manifest.bytes);
}

// src/nix/build.ts
import { readFileSync as readFileSync2 } from "node:fs";
import { join } from "node:path";

// src/nix/closure.ts
function checkClosureGraph(rawPaths, rawRoots, fail) {
  const entries = [...rawPaths];
  const known = new Set(entries.map(([path5]) => path5));
  const paths = {};
  for (const [path5, info] of entries) {
    if (!isStorePath(path5)) fail({ kind: "path-not-absolute", path: path5 });
    if (!isPlainObject(info)) fail({ kind: "info-not-object", path: path5, value: info });
    const { narSize, references } = info;
    if (typeof narSize !== "number" || !Number.isSafeInteger(narSize) || narSize < 0) fail({ kind: "bad-nar-size", path: path5, value: narSize });
    if (!Array.isArray(references)) fail({ kind: "references-not-array", path: path5, value: references });
    references.forEach((reference, index) => {
      if (typeof reference !== "string") fail({ kind: "reference-not-string", path: path5, index, value: reference });
      if (!known.has(reference)) fail({ kind: "reference-missing", path: path5, index, reference });
    });
    const { narHash } = info;
    paths[path5] = { narSize, references: [...references], ...typeof narHash === "string" ? { narHash } : {} };
  }
  rawRoots.forEach((root, index) => {
    if (typeof root !== "string") fail({ kind: "root-not-string", index, value: root });
    if (!known.has(root)) fail({ kind: "root-missing", index, root });
  });
  return { roots: [...rawRoots], paths };
}
function closureFromPathInfo(json, roots) {
  const entries = Array.isArray(json) ? json.map((item, i) => [pathOf(item, i), item]) : isPlainObject(json) ? Object.entries(json) : invalid("expected a JSON list or object");
  const graph = checkClosureGraph(entries, roots, pathInfoProblem);
  for (const info of Object.values(graph.paths)) info.references.sort();
  return graph;
}
function pathInfoProblem(problem) {
  switch (problem.kind) {
    case "path-not-absolute":
      return invalid(`${problem.path} is not an absolute store path`);
    case "info-not-object":
      return invalid(`entry for ${problem.path} is not an object (is the path valid in the store?)`);
    case "bad-nar-size":
      return invalid(`${problem.path} has no valid narSize`);
    case "references-not-array":
    case "reference-not-string":
      return invalid(`${problem.path} has no valid references list`);
    case "reference-missing":
      return invalid(`${problem.path} refers to ${problem.reference}, which is missing`);
    case "root-not-string":
      return invalid(`root ${problem.index} is not a string`);
    case "root-missing":
      return invalid(`root ${problem.root} is missing`);
  }
}
function pathOf(item, index) {
  if (isPlainObject(item) && typeof item.path === "string") return item.path;
  return invalid(`list entry ${index} has no "path"`);
}
function isPlainObject(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
function isStorePath(path5) {
  return path5.startsWith("/") && path5.length > 1 && !path5.includes("\0") && !path5.split("/").includes("..");
}
function invalid(why) {
  throw new Error(`unexpected output from nix path-info --json: ${why}`);
}

// src/nix/expressions-dir.ts
import { existsSync as existsSync2 } from "node:fs";
import { fileURLToPath } from "node:url";
var MARKER = "image-packages.nix";
function nixExpressionsDir(moduleUrl = import.meta.url) {
  for (const relative of ["../nix/", "../../nix/"]) {
    const dir = fileURLToPath(new URL(relative, moduleUrl));
    if (existsSync2(dir + MARKER)) return dir.replace(/\/$/, "");
  }
  throw new Error(
    `cannot find the nix/ folder (with ${MARKER}) next to ${fileURLToPath(moduleUrl)}: install the package with its nix/ folder, or run from the repository.`
  );
}

// src/nix/run.ts
import { spawn } from "node:child_process";
import { readdirSync as readdirSync2, readFileSync } from "node:fs";
var KILL_GRACE_MS = 3e3;
var PIPE_GRACE_MS = 1e3;
function runNixCommand(command, args, opts) {
  const tailLimit = opts.tailLines ?? 40;
  return new Promise((resolve, reject) => {
    if (opts.signal?.aborted) {
      resolve({ exitCode: null, stdout: "", stderrTail: [], stopped: "abort" });
      return;
    }
    const child = spawn(command, args, {
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
      env: opts.env ?? process.env
    });
    const stdoutChunks = [];
    const tail = [];
    let partial = "";
    let stopped;
    let killTimer;
    let settled = false;
    const pushLine = (line) => {
      tail.push(line);
      if (tail.length > tailLimit) tail.shift();
      opts.onStderrLine?.(line);
    };
    child.stdout.on("data", (chunk) => stdoutChunks.push(chunk));
    child.stderr.setEncoding("utf8");
    child.stderr.on("data", (text2) => {
      const lines = (partial + text2).split("\n");
      partial = lines.pop() ?? "";
      for (const line of lines) pushLine(line);
    });
    const signalGroup = (sig) => {
      if (child.pid === void 0) return;
      try {
        process.kill(-child.pid, sig);
      } catch (err) {
        if (err.code !== "ESRCH") throw err;
      }
    };
    const stop = (why) => {
      if (stopped || settled) return;
      stopped = why;
      signalGroup("SIGTERM");
      killTimer = setTimeout(() => {
        if (child.pid !== void 0) killDescendants(child.pid);
        signalGroup("SIGKILL");
      }, KILL_GRACE_MS);
    };
    const timeout = setTimeout(() => stop("timeout"), Math.max(0, opts.deadline - Date.now()));
    const onAbort = () => stop("abort");
    opts.signal?.addEventListener("abort", onAbort, { once: true });
    const finish = () => {
      settled = true;
      clearTimeout(timeout);
      if (killTimer) clearTimeout(killTimer);
      opts.signal?.removeEventListener("abort", onAbort);
    };
    child.on("error", (err) => {
      finish();
      if (err.code === "ENOENT") {
        reject(new Error(`${command} not found on PATH: install Nix (e.g. apt-get install nix-bin) and try again`));
      } else {
        reject(err);
      }
    });
    child.on("exit", () => {
      if (stopped) signalGroup("SIGKILL");
      setTimeout(() => {
        child.stdout.destroy();
        child.stderr.destroy();
      }, PIPE_GRACE_MS).unref();
    });
    child.on("close", (code) => {
      finish();
      if (partial) pushLine(partial);
      resolve({
        exitCode: code,
        stdout: Buffer.concat(stdoutChunks).toString("utf8"),
        stderrTail: tail,
        ...stopped ? { stopped } : {}
      });
    });
  });
}
function killDescendants(rootPid) {
  const children = /* @__PURE__ */ new Map();
  let entries;
  try {
    entries = readdirSync2("/proc");
  } catch {
    return;
  }
  const leaders = /* @__PURE__ */ new Set();
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    let stat6;
    try {
      stat6 = readFileSync(`/proc/${entry}/stat`, "utf8");
    } catch {
      continue;
    }
    const fields = stat6.slice(stat6.lastIndexOf(")") + 2).split(" ");
    const pid = Number(entry);
    const ppid = Number(fields[1]);
    if (Number(fields[2]) === pid) leaders.add(pid);
    const list = children.get(ppid);
    if (list) list.push(pid);
    else children.set(ppid, [pid]);
  }
  const queue = [...children.get(rootPid) ?? []];
  for (let pid = queue.shift(); pid !== void 0; pid = queue.shift()) {
    queue.push(...children.get(pid) ?? []);
    for (const target of leaders.has(pid) ? [-pid, pid] : [pid]) {
      try {
        process.kill(target, "SIGKILL");
      } catch {
      }
    }
  }
}

// src/nix/flake.ts
var FLAKE_FEATURES = ["--extra-experimental-features", "nix-command flakes"];
var METADATA_TIMEOUT_MS = 12e4;
async function readFlakeMetadata(ref, signal) {
  const metadata = async (extra) => runNixCommand("nix", [...FLAKE_FEATURES, "flake", "metadata", "--json", ...extra, ref], {
    deadline: Date.now() + METADATA_TIMEOUT_MS,
    ...signal ? { signal } : {}
  });
  const result = await metadata(["--no-update-lock-file"]);
  if (result.exitCode !== 0 && result.stderrTail.some((l) => l.includes("requires lock file changes"))) {
    throw new UsageError(
      `the flake "${ref}" has no flake.lock, or one that does not match its inputs: run "nix flake lock" there and commit flake.lock`
    );
  }
  if (result.stopped) throw new NixBuildError(`nix flake metadata ${ref} was stopped (${result.stopped})`, result.stderrTail, null);
  if (result.exitCode !== 0) {
    const error = result.stderrTail.filter((l) => l.startsWith("error:")).join(" ") || result.stderrTail.join("\n");
    throw new UsageError(`cannot read the flake "${ref}": ${error.replace(/^error:\s*/, "")}`);
  }
  const json = JSON.parse(result.stdout);
  if (typeof json.url !== "string") throw new NixBuildError(`nix flake metadata ${ref} printed no url`, result.stderrTail, 0);
  const revision = json.revision;
  const narHash = json.locked?.narHash;
  const unpinnedBecause = revision === void 0 ? "the flake has uncommitted changes (or no revision)" : void 0;
  const locked = json.locked ?? {};
  return {
    url: json.url,
    pinned: unpinnedBecause === void 0,
    ...unpinnedBecause ? { unpinnedBecause } : {},
    ...revision ? { revision } : {},
    ...narHash ? { narHash } : {},
    ...locked.dir ? { dir: locked.dir } : {},
    ...locked.type === "github" && locked.owner && locked.repo ? { sourceUrl: `https://github.com/${locked.owner}/${locked.repo}` } : {}
  };
}

// src/nix/system.ts
var SYSTEMS = { amd64: "x86_64-linux", arm64: "aarch64-linux" };
function systemForArch(arch) {
  const system = SYSTEMS[arch];
  if (!system) throw new Error(`unsupported architecture "${String(arch)}": expected amd64 or arm64`);
  return system;
}
function isSystemUnavailable(log, system) {
  const required = `a '${system}' with features {`;
  return log.some((line) => {
    const at = line.indexOf(required);
    return at >= 0 && /^[^}]*\} is required to build/.test(line.slice(at + required.length));
  });
}
function systemUnavailableHelp(system) {
  return `this machine cannot build ${system} packages, and they are not in a binary cache it uses. Three ways to get them: (1) substitution: a package set whose binary cache holds ${system} outputs (nixpkgs at a commit Hydra built, with substituters on); (2) emulation: QEMU user-mode with binfmt_misc (docker/setup-qemu-action, or qemu-user-static) and "extra-platforms = ${system}" in the Nix configuration (the action's extra-nix-conf input); (3) native runners: build each platform on its own runner in a matrix with --platform and --merge (the action's platforms and merge inputs). See docs/multi-arch.md`;
}

// src/nix/source.ts
import { execFile } from "node:child_process";
import { existsSync as existsSync3, statSync } from "node:fs";
import { resolve as resolvePath } from "node:path";
import { promisify } from "node:util";
var COMMIT = /^[0-9a-f]{40}$/;
function isCommitHash(text2) {
  return COMMIT.test(text2);
}
var SHA256 = /^(?:[0-9a-df-np-sv-z]{52}|[0-9a-f]{64}|sha256-[A-Za-z0-9+/]{43}=)$/;
var CHANNEL = /^(?:nixos|nixpkgs)-(?:unstable|\d{2}\.\d{2})(?:-[a-z0-9]+)?$/;
var GIT_URL = /^(?:(?:https?|ssh|git|file):\/\/\S+|[A-Za-z0-9._-]+@[A-Za-z0-9.-]+:\S+)$/;
var KIND_ALIASES = { "pkgs-repo": "git", "pkgs-path": "path" };
function parseSourceOption(kindOrAlias, value, extrasOrSha256 = {}) {
  const kind = KIND_ALIASES[kindOrAlias] ?? kindOrAlias;
  const extras = typeof extrasOrSha256 === "string" ? { sha256: extrasOrSha256 } : extrasOrSha256;
  const v = value.trim();
  if (extras.sha256 !== void 0 && kind !== "nixpkgs" && !(kind === "channel" && COMMIT.test(v))) {
    throw new UsageError(`a sha256 only applies to a nixpkgs commit, not to a ${kind} source`);
  }
  switch (kind) {
    case "nixpkgs": {
      if (!COMMIT.test(v)) {
        throw new UsageError(`invalid nixpkgs commit "${value}": expected a full 40-character lowercase hex commit hash`);
      }
      return withSha256({ kind: "nixpkgs", commit: v }, extras.sha256);
    }
    case "channel": {
      if (COMMIT.test(v)) return withSha256({ kind: "nixpkgs", commit: v }, extras.sha256);
      if (!CHANNEL.test(v)) {
        throw new UsageError(
          `invalid channel "${value}": expected a NixOS channel name such as nixos-unstable, nixos-24.05 or nixpkgs-unstable`
        );
      }
      return { kind: "channel", channel: v };
    }
    case "git": {
      if (!GIT_URL.test(v)) {
        throw new UsageError(`invalid git URL "${value}": expected https://, ssh://, git://, file:// or user@host:path`);
      }
      return { kind: "git", url: v };
    }
    case "path": {
      if (v === "") throw new UsageError("empty package set path: give a folder with a default.nix, or a .nix file");
      const abs = resolvePath(extras.cwd ?? process.cwd(), v);
      if (!existsSync3(abs)) throw new UsageError(`package set path "${value}" does not exist (looked at ${abs})`);
      if (statSync(abs).isDirectory() && !existsSync3(`${abs}/default.nix`)) {
        throw new UsageError(`package set folder "${value}" has no default.nix (looked in ${abs})`);
      }
      return { kind: "path", path: abs };
    }
    case "flake": {
      if (v === "") throw new UsageError("empty flake reference: give a path (.), git+file:, github:owner/repo/rev, \u2026");
      const isPath = v.startsWith(".") || v.startsWith("/");
      return { kind: "flake", ref: isPath ? resolvePath(extras.cwd ?? process.cwd(), v) : v };
    }
    default:
      throw new UsageError(`unknown package source kind "${kind}": expected nixpkgs, channel, git, path or flake`);
  }
}
function withSha256(source, sha2562) {
  if (sha2562 === void 0) return source;
  const h = sha2562.trim();
  if (!SHA256.test(h)) {
    throw new UsageError(
      `invalid sha256 "${sha2562}": expected 52 base-32 characters (as nix-prefetch-url prints), 64 hex, or sha256-<base64>`
    );
  }
  return { ...source, sha256: h };
}
function describeSource(source, revision) {
  switch (source.kind) {
    case "nixpkgs":
      return `nixpkgs ${source.commit}`;
    case "channel":
      return `channel ${source.channel}`;
    case "git": {
      const rev = revision ?? source.rev;
      return `git ${withoutCredentials(source.url)}${rev ? `#${rev}` : ""}`;
    }
    case "path":
      return `path ${source.path}`;
    case "flake":
      return `flake ${source.ref}${revision ? `#${revision}` : ""}`;
  }
}
async function resolveSource(source, imageTag) {
  switch (source.kind) {
    case "nixpkgs": {
      const url = `https://github.com/NixOS/nixpkgs/archive/${source.commit}.tar.gz`;
      const fetch2 = source.sha256 ? `builtins.fetchTarball { url = ${nixString(url)}; sha256 = ${nixString(source.sha256)}; }` : `builtins.fetchTarball ${nixString(url)}`;
      return {
        source,
        packageSetExpr: importPackageSet(fetch2),
        pinned: true,
        cacheId: `nixpkgs:${source.commit}`,
        revision: source.commit,
        sourceUrl: "https://github.com/NixOS/nixpkgs"
      };
    }
    case "channel": {
      const url = `https://channels.nixos.org/${source.channel}/nixexprs.tar.xz`;
      return {
        source,
        packageSetExpr: importPackageSet(`builtins.fetchTarball ${nixString(url)}`),
        pinned: false,
        cacheId: `channel:${source.channel}`,
        sourceUrl: `https://channels.nixos.org/${source.channel}`
      };
    }
    case "git": {
      const target = source.rev ? { rev: source.rev } : await resolveGitTag(source.url, imageTag);
      const attrs = [`url = ${nixString(source.url)};`, `rev = ${nixString(target.rev)};`];
      if (target.ref) attrs.push(`ref = ${nixString(target.ref)};`);
      else attrs.push("allRefs = true;");
      return {
        source,
        packageSetExpr: importPackageSet(`builtins.fetchGit { ${attrs.join(" ")} }`),
        pinned: true,
        cacheId: `git:${source.url}#${target.rev}`,
        revision: target.rev,
        sourceUrl: publicGitUrl(source.url)
      };
    }
    case "path": {
      return {
        source,
        packageSetExpr: importPackageSet(`/. + ${nixString(source.path)}`),
        pinned: false,
        cacheId: `path:${source.path}`
      };
    }
    case "flake":
      return resolveFlake(source);
  }
}
async function resolveFlake(source) {
  const flake = await readFlakeMetadata(source.ref);
  const packageSetExpr = `system: let flake = builtins.getFlake ${nixString(flake.url)}; bySystem = outputs: (outputs.\${system} or { }); nixpkgs = flake.inputs.nixpkgs or null; nixpkgsSet = if nixpkgs == null then { } else if nixpkgs ? outputs then bySystem (nixpkgs.legacyPackages or { }) else (${importPackageSet("nixpkgs")}) system; in nixpkgsSet // bySystem (flake.legacyPackages or { }) // bySystem (flake.packages or { })`;
  return {
    source,
    packageSetExpr,
    pinned: flake.pinned,
    cacheId: `flake:${flake.revision ?? "dirty"}:${flake.narHash ?? ""}:${flake.dir ?? ""}`,
    ...flake.revision ? { revision: flake.revision } : {},
    ...flake.sourceUrl ? { sourceUrl: flake.sourceUrl } : {},
    flake: { pure: flake.pinned },
    ...flake.unpinnedBecause ? { unpinnedBecause: flake.unpinnedBecause } : {}
  };
}
function importPackageSet(importable) {
  return `system: let f = import (${importable}); in if builtins.isFunction f then f (builtins.intersectAttrs (builtins.functionArgs f) { inherit system; config = { }; overlays = [ ]; }) else f`;
}
function nixString(text2) {
  if (/[\0]/.test(text2)) throw new Error("NUL characters cannot appear in a Nix string");
  const escaped = text2.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\$\{/g, "\\${").replace(/\n/g, "\\n").replace(/\r/g, "\\r").replace(/\t/g, "\\t");
  return `"${escaped}"`;
}
function publicGitUrl(url) {
  return url.startsWith("file://") ? void 0 : withoutCredentials(url);
}
function withoutCredentials(url) {
  try {
    const parsed = new URL(url);
    parsed.username = "";
    parsed.password = "";
    return parsed.toString();
  } catch {
    return url;
  }
}
var execFileAsync = promisify(execFile);
async function resolveGitTag(url, imageTag) {
  if (COMMIT.test(imageTag)) return { rev: imageTag };
  let stdout;
  try {
    ({ stdout } = await execFileAsync("git", ["ls-remote", "--symref", url], {
      env: { ...process.env, GIT_TERMINAL_PROMPT: "0" },
      maxBuffer: 64 * 1024 * 1024,
      timeout: 12e4
    }));
  } catch (err) {
    const e = err;
    if (e.code === "ENOENT") throw new Error("git not found on PATH: install git to use a git package source");
    throw new Error(`cannot list refs of ${url}: ${(e.stderr ?? e.message).trim()}`);
  }
  const refs = /* @__PURE__ */ new Map();
  let headRef;
  for (const line of stdout.split("\n")) {
    const symref = /^ref: (\S+)\tHEAD$/.exec(line);
    if (symref) {
      headRef = symref[1];
      continue;
    }
    const m = /^([0-9a-f]{40})\t(\S+)$/.exec(line);
    if (m) refs.set(m[2], m[1]);
  }
  if (imageTag === "latest") {
    const rev = refs.get("HEAD");
    if (!rev) throw new Error(`${url} has no default branch (HEAD): push a branch or use a tag that names one`);
    return headRef ? { rev, ref: headRef } : { rev, ref: "HEAD" };
  }
  const tagRef = `refs/tags/${imageTag}`;
  const tagRev = refs.get(`${tagRef}^{}`) ?? refs.get(tagRef);
  if (tagRev) return { rev: tagRev, ref: tagRef };
  const branchRef = `refs/heads/${imageTag}`;
  const branchRev = refs.get(branchRef);
  if (branchRev) return { rev: branchRev, ref: branchRef };
  throw new MissingGitRefError(url, imageTag);
}

// src/nix/build.ts
var UNKNOWN_MARKER = /nixery-unknown-packages: (\[.*?\]) nixery-unknown-reasons: (\{.*\})/;
async function buildImagePackages(opts) {
  if (opts.packages.length === 0) return { outputs: [], closure: { roots: [], paths: {} }, packages: [] };
  const deadline = Date.now() + opts.timeoutMs;
  const args = [...imagePackagesArgs(opts), "--no-out-link"];
  let markerLine;
  const heldBack = [];
  const build = await runNixCommand("nix-build", args, {
    deadline,
    ...opts.signal ? { signal: opts.signal } : {},
    onStderrLine: (line) => {
      if (markerLine === void 0 && line.includes("nixery-unknown-packages: ")) markerLine = line;
      if (heldBack.length > 0 || line.startsWith("error:")) heldBack.push(line);
      else opts.onLogLine?.(line);
    }
  });
  const unknown = markerLine === void 0 ? void 0 : parseUnknownPackages([markerLine]);
  if (!unknown) for (const line of heldBack) opts.onLogLine?.(line);
  checkStopped(build, "nix-build", opts);
  if (build.exitCode !== 0) {
    if (unknown)
      throw new UnknownPackagesError(unknown.packages, unknown.reasons, describeSource(opts.source.source, opts.source.revision));
    const unavailable = isSystemUnavailable([...heldBack, ...build.stderrTail], opts.system);
    throw new NixBuildError(
      `nix-build failed (exit code ${build.exitCode}) for ${opts.packages.join(", ")} from ${describeSource(opts.source.source, opts.source.revision)}` + (unavailable ? `: ${systemUnavailableHelp(opts.system)}` : ""),
      build.stderrTail,
      build.exitCode
    );
  }
  const outputs = [
    ...new Set(
      build.stdout.split("\n").map((l) => l.trim()).filter((l) => l.startsWith("/"))
    )
  ];
  if (outputs.length === 0) {
    throw new NixBuildError("nix-build succeeded but printed no store paths", build.stderrTail, build.exitCode);
  }
  const info = await runNixCommand(
    "nix",
    ["--extra-experimental-features", "nix-command", "path-info", "--json", "--recursive", ...outputs],
    { deadline, ...opts.signal ? { signal: opts.signal } : {} }
  );
  checkStopped(info, "nix path-info", opts);
  if (info.exitCode !== 0) {
    throw new NixBuildError(`nix path-info failed (exit code ${info.exitCode}) for ${outputs.join(" ")}`, info.stderrTail, info.exitCode);
  }
  const closure = closureFromPathInfo(JSON.parse(info.stdout), outputs);
  return { outputs, closure, packages: await readPackageMeta(opts, deadline) };
}
function imagePackagesArgs(opts) {
  return [
    ...imagePackagesExpression(opts.source),
    "--arg",
    "packageSet",
    opts.source.packageSetExpr,
    "--argstr",
    "packagesJson",
    JSON.stringify(opts.packages),
    "--argstr",
    "system",
    opts.system
  ];
}
async function readPackageMeta(opts, deadline) {
  const args = ["--eval", "--strict", "--json", ...imagePackagesArgs(opts), "--argstr", "want", "meta"];
  const result = await runNixCommand("nix-instantiate", args, { deadline, ...opts.signal ? { signal: opts.signal } : {} });
  checkStopped(result, "nix-instantiate", opts);
  if (result.exitCode !== 0) {
    throw new NixBuildError(`reading the packages' meta failed (exit code ${result.exitCode})`, result.stderrTail, result.exitCode);
  }
  const parsed = JSON.parse(result.stdout);
  if (!Array.isArray(parsed) || parsed.length !== opts.packages.length) {
    throw new NixBuildError("reading the packages' meta gave an unexpected answer", result.stderrTail, result.exitCode);
  }
  return parsed;
}
function imagePackagesExpression(source) {
  const file = join(nixExpressionsDir(), "image-packages.nix");
  if (!source.flake) return [file];
  return [...FLAKE_FEATURES, ...source.flake.pure ? ["--option", "pure-eval", "true"] : [], "-E", `(
${readFileSync2(file, "utf8")}
)`];
}
function checkStopped(result, command, opts) {
  if (result.stopped === "timeout") throw new NixTimeoutError(command, opts.timeoutMs, result.stderrTail);
  if (result.stopped === "abort") {
    throw opts.signal?.reason instanceof Error ? opts.signal.reason : new DOMException(`${command} was aborted`, "AbortError");
  }
}
function parseUnknownPackages(stderr) {
  for (const line of stderr) {
    const m = UNKNOWN_MARKER.exec(line);
    if (!m) continue;
    try {
      const packages2 = JSON.parse(m[1]);
      const reasons = JSON.parse(m[2]);
      if (Array.isArray(packages2) && packages2.every((p) => typeof p === "string") && typeof reasons === "object" && reasons) {
        return { packages: packages2, reasons };
      }
    } catch {
    }
  }
  return void 0;
}

// src/pipeline/realise.ts
async function realiseImage(image, settings, onEvent, signal) {
  const canonical = image.name.canonical;
  onEvent({ type: "nix-build", image: canonical });
  return buildImagePackages({
    source: image.source,
    packages: image.name.packages,
    system: systemForArch(image.name.arch),
    timeoutMs: settings.timeoutMs,
    ...signal ? { signal } : {},
    onLogLine: (line) => onEvent({ type: "nix-log", image: canonical, line })
  });
}

// src/pipeline/resolve.ts
async function resolveImage(request, tags, settings) {
  const spec = typeof request === "string" ? void 0 : request;
  const name = spec ? { canonical: spec.name, packages: spec.packages, arch: spec.arch } : parseImageName(request);
  const first = tags[0];
  if (first === void 0) throw new UsageError(`no tag given for ${name.canonical}`);
  tags.forEach(assertValidTag);
  const source = await resolveSource(settings.source, settings.sourceRef ?? first);
  const image = {
    name,
    tags: [...new Set(tags)],
    source,
    manifestCacheId: null,
    ...spec ? { config: spec.config } : {},
    ...spec?.platforms ? { platforms: spec.platforms } : {}
  };
  return { ...image, manifestCacheId: cacheIdOf(image, name, settings) };
}
function platformImages(image, settings) {
  const wanted = image.platforms ?? settings.platforms ?? [image.name.arch];
  if (image.name.arch === "arm64" && (wanted.length !== 1 || wanted[0] !== "arm64")) {
    throw new UsageError(
      `image name "${image.name.canonical}" starts with the arm64 meta-package, which builds linux/arm64 only; drop "arm64/" from the name to build several platforms under one tag`
    );
  }
  return wanted.map((arch) => {
    if (arch === image.name.arch) return image;
    const name = { ...image.name, arch };
    return { ...image, name, manifestCacheId: cacheIdOf(image, name, settings) };
  });
}
function cacheIdOf(image, name, settings) {
  if (!image.source.pinned) return null;
  return manifestCacheId({
    sourceId: image.source.cacheId,
    arch: name.arch,
    packages: name.packages,
    budget: settings.budget,
    compression: settings.compression,
    // The name is the image's title and the config its runtime setup: both are in the manifest's bytes.
    ...image.config ? { image: { name: name.canonical, config: image.config } } : {}
  });
}

// src/pipeline/build-image.ts
async function buildImage(request, tags, settings, destination, run = {}) {
  try {
    return await buildOnce(request, tags, settings, destination, run);
  } catch (error) {
    if (!(error instanceof CollectedBlobError)) throw error;
    const image = typeof request === "string" ? request : request.name;
    run.onEvent?.({ type: "blob-collected", image, digest: error.digest });
    return buildOnce(request, tags, settings, destination, run);
  }
}
async function buildOnce(request, tags, settings, destination, run) {
  const started = performance.now();
  const onEvent = run.onEvent ?? (() => {
  });
  const meter = new UploadMeter();
  const target = meteredTarget(fanOut(destination.targets), meter);
  const { cache } = destination;
  if (settings.mergePlatforms && destination.targets.some((t) => !(t instanceof BucketTarget))) {
    throw new UsageError(
      'merging platforms into a tag works through the bucket, where each platform is its own object; leave registries out of the merging builds and push the merged tag with "nixery copy" once every platform is built'
    );
  }
  const image = await resolveImage(request, tags, settings);
  const images = platformImages(image, settings);
  const result = (fields, extra = {}) => ({
    name: image.name.canonical,
    tag: image.tags[0],
    ref: `${image.name.canonical}:${image.tags[0]}`,
    tags: image.tags,
    ...fields,
    uploadedBytes: meter.uploadedBytes,
    skippedBytes: fields.skippedBytes + meter.skippedBytes,
    uploadSeconds: meter.seconds,
    ...image.source.revision ? { revision: image.source.revision } : {},
    seconds: (performance.now() - started) / 1e3,
    ...extra
  });
  if (image.source.unpinnedBecause) onEvent({ type: "unpinned", image: image.name.canonical, reason: image.source.unpinnedBecause });
  if (images.length === 1 && !settings.mergePlatforms) {
    const only = await buildPlatform(images[0], settings, cache, target, onEvent, run);
    await tagImage(image, target, only.manifest);
    return result(only.figures);
  }
  const built = [];
  for (const platformImage of images) {
    const label = `${image.name.canonical} (${platformName(platformImage.name.arch)})`;
    const labelled = (event) => onEvent({ ...event, image: label });
    built.push(await buildPlatform(platformImage, settings, cache, target, labelled, run));
  }
  const manifests = built.map((b) => ({ manifest: b.manifest.descriptor, architecture: b.architecture }));
  const annotations = imageMetadata(image, built[0]?.licenses, settings).annotations;
  let index;
  if (settings.mergePlatforms) {
    index = await mergeIntoIndex(image, manifests, cache.store, target, annotations);
  } else {
    index = assembleIndex(manifests, annotations);
    await publishIndex(image, index, target);
  }
  const figures = built.map((b) => b.figures);
  const sum = (field) => figures.reduce((total, f) => total + f[field], 0);
  return result(
    {
      digest: index.descriptor.digest,
      size: sum("size") + index.descriptor.size,
      layers: sum("layers"),
      cachedLayers: sum("cachedLayers"),
      packedBytes: sum("packedBytes"),
      skippedBytes: sum("skippedBytes"),
      manifestCacheHit: figures.every((f) => f.manifestCacheHit)
    },
    { platforms: built.map((b) => ({ platform: platformName(b.architecture), ...b.figures })) }
  );
}
async function buildPlatform(image, settings, cache, target, onEvent, { signal, knownIndex }) {
  const architecture = image.name.arch;
  const hit = image.manifestCacheId ? await cache.findImage(image.manifestCacheId, (blob2) => target.hasBlob(image.name.canonical, blob2)) : null;
  if (hit) {
    onEvent({ type: "manifest-cache-hit", image: image.name.canonical });
    const assembled2 = assembleContent(image, hit.content, settings);
    await publishImage(image, assembled2, target, null);
    const { layers: layers2 } = hit.content;
    return platformBuild(architecture, assembled2, {
      layers: layers2.length,
      cachedLayers: layers2.length,
      packedBytes: 0,
      skippedBytes: sizeOf(layers2),
      manifestCacheHit: true
    });
  }
  const known = readKnownImages(cache.store, image.name.canonical, image.tags, architecture, knownIndex);
  const realised = await realiseImage(image, settings, onEvent, signal);
  const plan = await planImage(image, realised, settings, await known);
  const layers = await materialiseLayers(image.name.canonical, plan, settings, cache, target, onEvent);
  const assembled = assembleImage(image, plan, layers, realised, settings);
  await publishImage(image, assembled, target, cache);
  const cached = layers.filter((l) => l.cached);
  return platformBuild(architecture, assembled, {
    layers: layers.length,
    cachedLayers: cached.length,
    packedBytes: layers.reduce((sum, l) => sum + l.packedBytes, 0),
    skippedBytes: sizeOf(cached.map((l) => l.layer.descriptor)),
    manifestCacheHit: false
  });
}
function platformBuild(architecture, assembled, figures) {
  return {
    architecture,
    manifest: assembled.manifest,
    ...assembled.content.licenses ? { licenses: assembled.content.licenses } : {},
    figures: {
      digest: assembled.manifest.descriptor.digest,
      size: assembled.size,
      ...figures,
      sbomDigest: assembled.sbom.manifest.descriptor.digest
    }
  };
}

// src/distribution/auth/challenge.ts
var TCHAR = /[!#$%&'*+\-.^_`|~0-9A-Za-z]/;
var TOKEN68_CHAR = /[A-Za-z0-9\-._~+/]/;
function parseWwwAuthenticate(header) {
  const challenges = [];
  let i = 0;
  const n = header.length;
  const isSpace = (c) => c === " " || c === "	";
  const skipSpace = () => {
    while (i < n && isSpace(header[i])) i++;
  };
  const skipSpaceAndCommas = () => {
    while (i < n && (isSpace(header[i]) || header[i] === ",")) i++;
  };
  const readToken = () => {
    const start = i;
    while (i < n && TCHAR.test(header[i])) i++;
    return header.slice(start, i);
  };
  const readQuoted = () => {
    i++;
    let value = "";
    while (i < n && header[i] !== '"') {
      if (header[i] === "\\" && i + 1 < n) i++;
      value += header[i];
      i++;
    }
    i++;
    return value;
  };
  const paramAhead = () => {
    let j = i;
    while (j < n && TCHAR.test(header[j])) j++;
    if (j === i) return false;
    while (j < n && isSpace(header[j])) j++;
    if (header[j] !== "=") return false;
    j++;
    while (j < n && isSpace(header[j])) j++;
    return j < n && header[j] !== "," && header[j] !== "=";
  };
  while (i < n) {
    skipSpaceAndCommas();
    if (i >= n) break;
    const scheme = readToken();
    if (!scheme) {
      while (i < n && header[i] !== ",") i++;
      continue;
    }
    const challenge = { scheme: scheme.toLowerCase(), params: {} };
    challenges.push(challenge);
    skipSpace();
    if (i >= n || header[i] === ",") {
    } else if (!paramAhead()) {
      const start = i;
      while (i < n && TOKEN68_CHAR.test(header[i])) i++;
      while (i < n && header[i] === "=") i++;
      if (i > start) challenge.token68 = header.slice(start, i);
      skipSpace();
      continue;
    }
    for (; ; ) {
      skipSpaceAndCommas();
      if (i >= n || !paramAhead()) break;
      const name = readToken().toLowerCase();
      skipSpace();
      i++;
      skipSpace();
      let value;
      if (header[i] === '"') {
        value = readQuoted();
      } else {
        const start = i;
        while (i < n && header[i] !== "," && !isSpace(header[i])) i++;
        value = header.slice(start, i);
      }
      if (!(name in challenge.params)) challenge.params[name] = value;
      skipSpace();
    }
  }
  return challenges;
}
function findChallenge(challenges, scheme) {
  const wanted = scheme.toLowerCase();
  return challenges.find((challenge) => challenge.scheme === wanted);
}

// src/distribution/auth/authorizer.ts
var DEFAULT_TOKEN_SECONDS = 60;
function parseScopes(...scopeLists) {
  const resources = /* @__PURE__ */ new Map();
  for (const list of scopeLists) {
    for (const scope of list.split(/\s+/)) {
      if (!scope) continue;
      const last = scope.lastIndexOf(":");
      const first = scope.indexOf(":");
      if (first < 0 || last === first) {
        if (!resources.has(scope)) resources.set(scope, []);
        continue;
      }
      const resource = scope.slice(0, last);
      const actions = resources.get(resource) ?? [];
      for (const action of scope.slice(last + 1).split(",")) {
        if (action && !actions.includes(action)) actions.push(action);
      }
      resources.set(resource, actions);
    }
  }
  return [...resources].map(([resource, actions]) => actions.length > 0 ? `${resource}:${actions.join(",")}` : resource);
}
function scopeKey(scopes) {
  return scopes.map((scope) => {
    const last = scope.lastIndexOf(":");
    if (last < 0 || scope.indexOf(":") === last) return scope;
    return `${scope.slice(0, last)}:${scope.slice(last + 1).split(",").sort().join(",")}`;
  }).sort().join(" ");
}
function covers(granted, wanted) {
  const have = new Set(parseScopes(granted.join(" ")).flatMap((scope) => expand(scope)));
  return parseScopes(wanted.join(" ")).flatMap((scope) => expand(scope)).every((item) => have.has(item));
}
function expand(scope) {
  const last = scope.lastIndexOf(":");
  if (last < 0 || scope.indexOf(":") === last) return [scope];
  return scope.slice(last + 1).split(",").map((action) => `${scope.slice(0, last)}:${action}`);
}
function createAuthorizer(options) {
  const { host, credentials: found } = options;
  const fetchFn = options.fetch ?? globalThis.fetch;
  const now = options.now ?? Date.now;
  const clientId = options.clientId ?? "nixery-action";
  const credentials = found?.credentials;
  const userPassword = credentials && "username" in credentials ? credentials : void 0;
  const identityToken = credentials && "identityToken" in credentials ? credentials.identityToken : void 0;
  const secrets = [userPassword?.password, identityToken].filter((secret) => !!secret && secret.length >= 4);
  let mode;
  let bearer;
  let anonymousInFlight = 0;
  const tokens = /* @__PURE__ */ new Map();
  const inflight = /* @__PURE__ */ new Map();
  const refused = /* @__PURE__ */ new Map();
  let problem;
  const redact = (text2) => {
    let out = text2;
    for (const secret of [...secrets, ...[...tokens.values()].map((cached) => cached.token)]) out = out.split(secret).join("[redacted]");
    return out;
  };
  const basicHeader = (username, password) => `Basic ${Buffer.from(`${username}:${password}`, "utf8").toString("base64")}`;
  const fresh = (key) => {
    const cached = tokens.get(key);
    if (cached && cached.expiresAt > now()) return cached;
    if (cached) tokens.delete(key);
    return void 0;
  };
  async function requestToken(key, scopes) {
    if (!bearer) return void 0;
    let realm;
    try {
      realm = new URL(bearer.realm);
    } catch {
      throw new Error(`registry ${host} named a token endpoint that is not a URL: ${JSON.stringify(bearer.realm)}`);
    }
    if (realm.protocol !== "https:" && realm.protocol !== "http:") {
      throw new Error(`registry ${host} named a token endpoint that is not http(s): ${realm.origin}${realm.pathname}`);
    }
    const endpoint = `${realm.origin}${realm.pathname}`;
    const scopeText = scopes.length > 0 ? scopes.join(" ") : "(no scope)";
    let response;
    try {
      if (identityToken) {
        const form = new URLSearchParams({ grant_type: "refresh_token", refresh_token: identityToken, client_id: clientId });
        if (bearer.service) form.set("service", bearer.service);
        if (scopes.length > 0) form.set("scope", scopes.join(" "));
        response = await fetchFn(realm, {
          method: "POST",
          headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
          body: form.toString()
        });
      } else {
        const url = new URL(realm);
        if (bearer.service) url.searchParams.set("service", bearer.service);
        for (const scope of scopes) url.searchParams.append("scope", scope);
        const headers = { accept: "application/json" };
        if (userPassword) {
          url.searchParams.set("account", userPassword.username);
          headers.authorization = basicHeader(userPassword.username, userPassword.password);
        }
        response = await fetchFn(url, { headers });
      }
    } catch (error) {
      const cause = error.cause?.message;
      throw new Error(`token endpoint ${endpoint} for registry ${host} could not be reached: ${redact(cause ?? error.message)}`);
    }
    if (response.status === 401 || response.status === 403) {
      await response.body?.cancel();
      const reason = `token endpoint ${endpoint} answered ${response.status} for ${scopeText}`;
      refused.set(key, reason);
      problem = reason;
      return void 0;
    }
    const text2 = await response.text();
    if (!response.ok) {
      const snippet = redact(text2.trim().replace(/\s+/g, " ")).slice(0, 200);
      throw new Error(`token endpoint ${endpoint} for registry ${host} answered ${response.status}${snippet ? `: ${snippet}` : ""}`);
    }
    let body;
    try {
      body = JSON.parse(text2);
    } catch {
      throw new Error(`token endpoint ${endpoint} for registry ${host} answered something that is not JSON`);
    }
    const token = typeof body?.token === "string" && body.token ? body.token : typeof body?.access_token === "string" ? body.access_token : "";
    if (!token) throw new Error(`token endpoint ${endpoint} for registry ${host} answered without a token`);
    const seconds2 = typeof body.expires_in === "number" && body.expires_in > 0 ? body.expires_in : DEFAULT_TOKEN_SECONDS;
    const margin = Math.min(1e4, seconds2 * 100);
    const cached = { token, expiresAt: now() + seconds2 * 1e3 - margin, scopes };
    tokens.set(key, cached);
    refused.delete(key);
    return cached;
  }
  function obtain(key, scopes) {
    const pending = inflight.get(key);
    if (pending) return pending;
    const promise = requestToken(key, scopes).finally(() => inflight.delete(key));
    inflight.set(key, promise);
    return promise;
  }
  function bearerChallenge(challenge, scope) {
    const realm = challenge.params.realm;
    if (!realm) {
      problem = `registry ${host} sent a Bearer challenge without a realm`;
      return false;
    }
    mode = "bearer";
    bearer = { realm, service: challenge.params.service };
    const clientScopes = parseScopes(scope);
    const key = scopeKey(clientScopes);
    const scopes = parseScopes(scope, challenge.params.scope ?? "");
    const error = challenge.params.error;
    const cached = fresh(key);
    if (cached) {
      if (!error) {
        return true;
      }
      if (error === "insufficient_scope" && covers(cached.scopes, scopes)) {
        problem = `registry ${host} says the token for ${cached.scopes.join(" ")} does not grant it (insufficient_scope)`;
        return false;
      }
      tokens.delete(key);
    } else if (refused.has(key) && covers(parseScopes(key), scopes)) {
      problem = refused.get(key);
      return false;
    }
    return obtain(key, scopes).then((token) => token !== void 0);
  }
  return {
    async header(scope) {
      if (mode === "basic" && userPassword) return basicHeader(userPassword.username, userPassword.password);
      if (mode === "bearer") {
        const scopes = parseScopes(scope);
        const key = scopeKey(scopes);
        const token = fresh(key) ?? (refused.has(key) ? void 0 : await obtain(key, scopes));
        if (token) return `Bearer ${token.token}`;
      }
      anonymousInFlight++;
      return void 0;
    },
    async challenge(wwwAuthenticate, scope) {
      const challenges = parseWwwAuthenticate(wwwAuthenticate);
      const fromAnonymous = anonymousInFlight > 0;
      if (fromAnonymous) anonymousInFlight--;
      const bearerCh = findChallenge(challenges, "bearer");
      if (bearerCh) return bearerChallenge(bearerCh, scope);
      const basicCh = findChallenge(challenges, "basic");
      if (basicCh) {
        if (!userPassword) {
          problem = identityToken ? `registry ${host} asks for a password (Basic), and an identity token can't answer that` : `registry ${host} asks for a username and password (Basic)`;
          return false;
        }
        if (mode === "basic" && !fromAnonymous) {
          problem = `registry ${host} refused them (Basic)`;
          return false;
        }
        mode = "basic";
        return true;
      }
      const schemes = challenges.map((challenge) => challenge.scheme).join(", ");
      problem = `registry ${host} asks for an authentication scheme we don't speak (${schemes || "none given"})`;
      return false;
    },
    describe() {
      const base = found ? found.description : `anonymous (no credentials found for ${host})`;
      return problem ? `${base}; ${problem}` : base;
    }
  };
}

// src/distribution/auth/credentials.ts
import { spawn as spawn2 } from "node:child_process";
import { readFile } from "node:fs/promises";
import { homedir } from "node:os";
import { join as join2 } from "node:path";
var CredentialsError = class extends Error {
  name = "CredentialsError";
};
var DOCKER_HUB_HOSTS = /* @__PURE__ */ new Set(["docker.io", "index.docker.io", "registry-1.docker.io", "registry.hub.docker.com"]);
var DOCKER_HUB_SERVER = "https://index.docker.io/v1/";
function credentialFiles(env = process.env) {
  const home = env.HOME || homedir();
  const files = [];
  if (env.REGISTRY_AUTH_FILE) files.push({ path: env.REGISTRY_AUTH_FILE, kind: "containers" });
  else if (env.XDG_RUNTIME_DIR) files.push({ path: join2(env.XDG_RUNTIME_DIR, "containers", "auth.json"), kind: "containers" });
  const userAuth = join2(env.XDG_CONFIG_HOME || join2(home, ".config"), "containers", "auth.json");
  if (!files.some((file) => file.path === userAuth)) files.push({ path: userAuth, kind: "containers" });
  files.push({ path: join2(env.DOCKER_CONFIG || join2(home, ".docker"), "config.json"), kind: "docker" });
  return files;
}
async function findCredentials(host, options = {}) {
  const env = options.env ?? process.env;
  for (const file of credentialFiles(env)) {
    const config = await readConfig(file.path);
    if (!config) continue;
    const found = await lookUp(config, file.path, host, options, env);
    if (found) return found;
  }
  if (options.fallback)
    return { credentials: options.fallback.credentials, description: describeFrom(options.fallback.credentials, options.fallback.source) };
  return null;
}
function describeFrom(credentials, source) {
  return "identityToken" in credentials ? `an identity token from ${source}` : `user ${JSON.stringify(credentials.username)} from ${source}`;
}
async function readConfig(path5) {
  let text2;
  try {
    text2 = await readFile(path5, "utf8");
  } catch (error) {
    const code = error.code;
    if (code === "ENOENT" || code === "ENOTDIR") return null;
    throw new CredentialsError(`cannot read registry credentials from ${path5}: ${error.message}`);
  }
  if (text2.trim() === "") return null;
  let parsed;
  try {
    parsed = JSON.parse(text2);
  } catch {
    throw new CredentialsError(`cannot read registry credentials from ${path5}: it is not valid JSON`);
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw new CredentialsError(`cannot read registry credentials from ${path5}: expected a JSON object`);
  }
  return parsed;
}
function splitKey(key) {
  let rest = key.trim().replace(/^[a-z][a-z0-9+.-]*:\/\//i, "");
  rest = rest.replace(/\/+$/, "");
  const slash = rest.indexOf("/");
  if (slash < 0) return { host: rest.toLowerCase(), path: "" };
  return { host: rest.slice(0, slash).toLowerCase(), path: rest.slice(slash + 1) };
}
function sameRegistry(a, b) {
  if (a === b) return true;
  return DOCKER_HUB_HOSTS.has(a) && DOCKER_HUB_HOSTS.has(b);
}
async function lookUp(config, file, host, options, env) {
  const wanted = host.toLowerCase();
  const isHub = DOCKER_HUB_HOSTS.has(wanted);
  const serverUrl = isHub ? DOCKER_HUB_SERVER : host;
  for (const [key, helper] of Object.entries(config.credHelpers ?? {})) {
    if (typeof helper !== "string" || !helper) continue;
    const parts = splitKey(key);
    if (parts.path && parts.path !== "v1" && parts.path !== "v2") continue;
    if (sameRegistry(parts.host, wanted)) return askHelper(helper, serverUrl, host, `credHelpers in ${file}`, env, options.helperTimeoutMs);
  }
  const repository = options.repository ?? "";
  let best;
  for (const [key, entry] of Object.entries(config.auths ?? {})) {
    if (!entry || typeof entry !== "object") continue;
    const parts = splitKey(key);
    if (!sameRegistry(parts.host, wanted)) continue;
    let length = 0;
    if (parts.path && parts.path !== "v1" && parts.path !== "v2") {
      if (!(repository === parts.path || repository.startsWith(`${parts.path}/`))) continue;
      length = parts.path.length;
    }
    if (!best || length > best.length) best = { length, entry, key };
  }
  if (best?.entry) {
    const found = fromAuthEntry(best.entry, file, best.key, host);
    if (found) return found;
  }
  if (typeof config.credsStore === "string" && config.credsStore) {
    return askHelper(config.credsStore, serverUrl, host, `credsStore in ${file}`, env, options.helperTimeoutMs);
  }
  return null;
}
function fromAuthEntry(entry, file, key, host) {
  if (typeof entry.identitytoken === "string" && entry.identitytoken) {
    return { credentials: { identityToken: entry.identitytoken }, description: `an identity token from ${file}` };
  }
  if (typeof entry.auth === "string" && entry.auth) {
    const decoded = Buffer.from(entry.auth, "base64").toString("utf8");
    const colon = decoded.indexOf(":");
    if (colon <= 0) {
      throw new CredentialsError(
        `the "auth" entry for ${JSON.stringify(key)} in ${file} (registry ${host}) is not base64 of user:password`
      );
    }
    const credentials = { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
    return { credentials, description: describeFrom(credentials, file) };
  }
  if (typeof entry.username === "string" && entry.username && typeof entry.password === "string") {
    const credentials = { username: entry.username, password: entry.password };
    return { credentials, description: describeFrom(credentials, file) };
  }
  return null;
}
async function askHelper(helper, serverUrl, host, source, env, timeoutMs = 6e4) {
  const program = `docker-credential-${helper}`;
  const where = `(${source}) for registry ${host}`;
  const result = await new Promise(
    (resolve, reject) => {
      const child = spawn2(program, ["get"], { env, stdio: ["pipe", "pipe", "pipe"], timeout: timeoutMs });
      const stdout = [];
      const stderr = [];
      child.stdout.on("data", (chunk) => stdout.push(chunk));
      child.stderr.on("data", (chunk) => stderr.push(chunk));
      child.on("error", (error) => {
        if (error.code === "ENOENT") {
          reject(new CredentialsError(`credential helper ${program} ${where} is not on PATH; install it, or remove it from the config`));
        } else {
          reject(new CredentialsError(`credential helper ${program} ${where} could not run: ${error.message}`));
        }
      });
      child.on(
        "close",
        (code, signal) => resolve({ code, signal, stdout: Buffer.concat(stdout).toString("utf8"), stderr: Buffer.concat(stderr).toString("utf8") })
      );
      child.stdin.on("error", () => {
      });
      child.stdin.end(`${serverUrl}
`);
    }
  );
  if (result.code !== 0) {
    if (/credentials not found/i.test(`${result.stdout}
${result.stderr}`)) return null;
    const how = result.signal ? `was killed by ${result.signal}${result.signal === "SIGTERM" ? ` (timeout ${timeoutMs} ms?)` : ""}` : `exited with ${result.code}`;
    const said = (result.stderr.trim() || result.stdout.trim()).slice(0, 300);
    throw new CredentialsError(`credential helper ${program} ${where} ${how}${said ? `: ${said}` : ""}`);
  }
  let answer;
  try {
    answer = JSON.parse(result.stdout);
  } catch {
    throw new CredentialsError(`credential helper ${program} ${where} printed something that is not JSON`);
  }
  if (typeof answer?.Secret !== "string" || answer.Secret === "") {
    throw new CredentialsError(`credential helper ${program} ${where} answered without a Secret`);
  }
  const username = typeof answer.Username === "string" ? answer.Username : "";
  const label = `${program} (${source})`;
  if (username === "<token>") return { credentials: { identityToken: answer.Secret }, description: `an identity token from ${label}` };
  const credentials = { username, password: answer.Secret };
  return { credentials, description: describeFrom(credentials, label) };
}

// src/distribution/client.ts
import { createReadStream } from "node:fs";
import { stat as stat2 } from "node:fs/promises";
import { setTimeout as sleep2 } from "node:timers/promises";

// src/distribution/failures.ts
var MAX_REGISTRY_MESSAGE = 300;
function parseErrorBody(text2) {
  try {
    const parsed = JSON.parse(text2);
    if (!Array.isArray(parsed.errors)) return [];
    return parsed.errors.filter((e) => typeof e === "object" && e !== null && typeof e.code === "string");
  } catch {
    return [];
  }
}
async function failureFromResponse(context, response, attempts) {
  const text2 = await response.text().catch(() => "");
  return registryFailure(context, response.status, parseErrorBody(text2.slice(0, 64 * 1024)), attempts);
}
function registryFailure(context, status, errors, attempts) {
  const first = errors[0];
  const code = first?.code;
  const details = {
    host: context.host,
    repository: context.repository,
    status,
    tried: context.tried,
    ...code !== void 0 ? { code } : {}
  };
  const said = registrySaid(errors);
  const where = context.repository ? `${context.repository} on ${context.host}` : context.host;
  const head = `cannot ${context.action} (${where}): HTTP ${status}${code ? ` ${code}` : ""}${said}`;
  let hint;
  if (status === 401) {
    hint = `the registry wants credentials for scope "${context.scope}" and ${context.tried} did not satisfy it. Log in (docker login ${context.host}) or give a token with push access to ${context.repository || "the repository"}`;
  } else if (status === 403) {
    hint = `${context.tried} may not do this (scope "${context.scope}"). Check that these credentials have push permission for ${context.repository || "the repository"}`;
  } else if (status === 404 && code === "NAME_UNKNOWN") {
    hint = `repository ${context.repository} does not exist, and this registry does not create repositories on push: create it first, or push below a prefix where it does`;
  } else if (status >= 500) {
    hint = `the registry is failing${attempts !== void 0 ? ` (still HTTP ${status} after ${attempts} attempts)` : ""}; try again later`;
  } else {
    hint = "";
  }
  return new RegistryAccessError(hint ? `${head}; ${hint}` : head, details);
}
var MANIFEST_REFUSED_CODES = /* @__PURE__ */ new Set(["MANIFEST_INVALID", "UNSUPPORTED"]);
function manifestFailure(context, status, errors, mediaType, attempts) {
  const where = `${context.repository} on ${context.host}`;
  const details = { host: context.host, repository: context.repository, status, tried: context.tried };
  const missing = errors.filter((e) => e.code === "MANIFEST_BLOB_UNKNOWN");
  if (status === 400 && missing.length > 0) {
    const blobs = missing.map((e) => detailText(e.detail) ?? e.message ?? "unnamed");
    return new RegistryAccessError(
      `cannot ${context.action} (${where}): the registry does not hold blob${blobs.length === 1 ? "" : "s"} ${blobs.join(", ")} in ${context.repository}; every blob a manifest names must be pushed before it`,
      { ...details, code: "MANIFEST_BLOB_UNKNOWN" }
    );
  }
  const refused = errors.find((e) => MANIFEST_REFUSED_CODES.has(e.code));
  if (status === 400 && refused !== void 0 && mediaType.startsWith("application/vnd.oci.")) {
    const base = registryFailure(context, status, errors);
    return new RegistryAccessError(
      `${base.message}; this registry appears to refuse OCI media types (${mediaType}): push to a registry that accepts OCI images (ghcr.io, Docker Hub, ECR, GAR and distribution 2.7+ all do)`,
      { ...details, code: refused.code }
    );
  }
  return registryFailure(context, status, errors, attempts);
}
function unreachable(context, cause) {
  return new RegistryAccessError(
    `cannot ${context.action}: ${context.host} is not reachable (${cause.message}); check the host name and port, and the network`,
    { host: context.host, repository: context.repository, tried: context.tried },
    cause
  );
}
function registrySaid(errors) {
  const parts = errors.map((e) => [e.message, detailText(e.detail)].filter((p) => p !== void 0 && p !== "").join(": ")).filter((p) => p !== "");
  if (parts.length === 0) return "";
  const text2 = parts.join("; ");
  return ` (the registry says: ${text2.length > MAX_REGISTRY_MESSAGE ? `${text2.slice(0, MAX_REGISTRY_MESSAGE - 1)}\u2026` : text2})`;
}
function detailText(detail) {
  if (typeof detail === "string") return detail;
  if (typeof detail === "object" && detail !== null) {
    const d = detail;
    for (const key of ["digest", "Digest", "name", "Name", "reference"]) if (typeof d[key] === "string") return d[key];
  }
  return void 0;
}

// src/distribution/http.ts
import { Readable as Readable2 } from "node:stream";
import { setTimeout as sleep } from "node:timers/promises";
var DEFAULT_RETRY_POLICY = {
  attempts: 5,
  baseDelayMs: 250,
  maxDelayMs: 8e3,
  maxRetryAfterMs: 6e4,
  retryConnectionRefused: true
};
var RETRIED_STATUSES = /* @__PURE__ */ new Set([429, 500, 502, 503, 504]);
var RETRIED_CODES = /* @__PURE__ */ new Set([
  "ECONNRESET",
  "EPIPE",
  "ETIMEDOUT",
  "EAI_AGAIN",
  "UND_ERR_SOCKET",
  "UND_ERR_CLOSED",
  "UND_ERR_CONNECT_TIMEOUT",
  "UND_ERR_HEADERS_TIMEOUT",
  "UND_ERR_BODY_TIMEOUT"
]);
var ConnectionError = class extends Error {
  name = "ConnectionError";
  code;
  constructor(method, url, code, detail, attempts, cause) {
    super(`${method} ${url} failed after ${attempts} attempt${attempts === 1 ? "" : "s"}: ${detail}`, { cause });
    this.code = code;
  }
};
async function sendRequest(request, options = {}) {
  const policy = { ...DEFAULT_RETRY_POLICY, ...options.policy };
  const shownUrl = redactUrl(request.url);
  for (let attempt = 1; ; attempt++) {
    const body = request.body?.();
    let response;
    try {
      response = await fetch(request.url, init(request, body));
    } catch (error) {
      if (body instanceof Readable2) body.destroy();
      if (request.signal?.aborted) throw error;
      const code = errorCode(error);
      const retryable = isRetryableConnectionError(error, policy.retryConnectionRefused);
      if (!retryable || attempt >= policy.attempts) {
        throw new ConnectionError(request.method, shownUrl, code, describeConnectionError(error), attempt, error);
      }
      const delayMs2 = backoff(attempt, policy);
      options.onRetry?.({ method: request.method, url: shownUrl, attempt, reason: code ?? "connection failed", delayMs: delayMs2 });
      await sleep(delayMs2, void 0, request.signal ? { signal: request.signal } : void 0);
      continue;
    }
    if (!RETRIED_STATUSES.has(response.status) || attempt >= policy.attempts) return response;
    const retryAfter = retryAfterMs(response.headers.get("retry-after"));
    if (retryAfter !== void 0 && retryAfter > policy.maxRetryAfterMs) return response;
    await response.body?.cancel().catch(() => {
    });
    const delayMs = retryAfter ?? backoff(attempt, policy);
    options.onRetry?.({ method: request.method, url: shownUrl, attempt, reason: `HTTP ${response.status}`, delayMs });
    await sleep(delayMs, void 0, request.signal ? { signal: request.signal } : void 0);
  }
}
function init(request, body) {
  const base = {
    method: request.method,
    headers: request.headers ?? {},
    redirect: "manual",
    ...request.signal ? { signal: request.signal } : {}
  };
  if (body === void 0) return base;
  if (Buffer.isBuffer(body)) return { ...base, body: new Uint8Array(body.buffer, body.byteOffset, body.byteLength) };
  return { ...base, body: Readable2.toWeb(body), duplex: "half" };
}
function backoff(attempt, policy) {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.floor(Math.random() * ceiling);
}
function retryAfterMs(value, now = Date.now()) {
  if (value === null || value.trim() === "") return void 0;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1e3;
  if (!/^[A-Za-z]{3},/.test(trimmed)) return void 0;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? void 0 : Math.max(0, date - now);
}
function redactUrl(url) {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}${parsed.pathname}`;
  } catch {
    return "(invalid URL)";
  }
}
function isRetryableConnectionError(error, retryRefused) {
  const code = errorCode(error);
  if (code === "ECONNREFUSED") return retryRefused;
  if (code !== void 0 && RETRIED_CODES.has(code)) return true;
  return /socket hang up|other side closed/i.test(
    causeChain(error).map((e) => e.message).join(" ")
  );
}
function errorCode(error) {
  for (const e of causeChain(error)) {
    const code = e.code;
    if (typeof code === "string") return code;
    if (e instanceof AggregateError) {
      for (const inner of e.errors) {
        const innerCode = inner.code;
        if (typeof innerCode === "string") return innerCode;
      }
    }
  }
  return void 0;
}
function causeChain(error) {
  const chain = [];
  let current = error;
  while (current instanceof Error && chain.length < 5) {
    chain.push(current);
    current = current.cause;
  }
  return chain;
}
function describeConnectionError(error) {
  const chain = causeChain(error);
  const innermost = chain[chain.length - 1];
  const code = errorCode(error);
  const message = innermost?.message || String(error);
  return code && !message.includes(code) ? `${message} (${code})` : message;
}

// src/distribution/reference.ts
import { isIP } from "node:net";
var SCHEME = "docker://";
var PATH_COMPONENT = /^[a-z0-9]+(?:(?:\.|_|__|-+)[a-z0-9]+)*$/;
var HOST_NAME = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*$/;
var PORT2 = /^[0-9]{1,5}$/;
var API_HOSTS = { "docker.io": "registry-1.docker.io", "index.docker.io": "registry-1.docker.io" };
function parsePushDestination(input, options = {}) {
  const raw = input.trim();
  const rest = raw.toLowerCase().startsWith(SCHEME) ? raw.slice(SCHEME.length) : raw;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(rest)) {
    throw new UsageError(`push destination "${input}": only docker://HOST[:PORT]/PREFIX is supported, e.g. docker://ghcr.io/acme/images`);
  }
  const slash = rest.indexOf("/");
  const hostPart = slash < 0 ? rest : rest.slice(0, slash);
  const pathPart = slash < 0 ? "" : rest.slice(slash + 1);
  if (hostPart === "") {
    throw new UsageError(
      `push destination "${input}" names no registry host: write docker://HOST[:PORT]/PREFIX, e.g. docker://ghcr.io/acme/images`
    );
  }
  const { hostname, port } = splitHost(hostPart, input);
  const written = port === void 0 ? hostname : `${formatHostname(hostname)}:${port}`;
  const host = API_HOSTS[written] ?? written;
  return {
    host,
    prefix: parsePrefix(pathPart, input),
    insecure: isLoopback(hostname) || listedInsecure(hostname, port, options.insecure ?? [])
  };
}
function repositoryFor(destination, canonicalName) {
  const repository = destination.prefix === "" ? canonicalName : `${destination.prefix}/${canonicalName}`;
  for (const component of repository.split("/")) {
    if (!PATH_COMPONENT.test(component)) {
      throw new UsageError(`repository "${repository}": "${component}" is not a valid repository path component`);
    }
  }
  return repository;
}
function describeDestination(destination) {
  return `docker://${destination.host}${destination.prefix ? `/${destination.prefix}` : ""}`;
}
function registryBaseUrl(host, insecure) {
  return `${insecure ? "http" : "https"}://${host}`;
}
function splitHost(hostPart, input) {
  const lower = hostPart.toLowerCase();
  let hostname;
  let port;
  const bracketed = /^\[([^\]]+)\](?::(.*))?$/.exec(lower);
  if (bracketed) {
    hostname = bracketed[1];
    port = bracketed[2];
    if (isIP(hostname) !== 6) throw new UsageError(`push destination "${input}": "${hostPart}" is not a valid IPv6 address`);
  } else {
    const colon = lower.lastIndexOf(":");
    hostname = colon < 0 ? lower : lower.slice(0, colon);
    port = colon < 0 ? void 0 : lower.slice(colon + 1);
    if (!HOST_NAME.test(hostname)) {
      throw new UsageError(
        `push destination "${input}": registry host "${hostname}" is not a valid host name (IPv6 addresses go in brackets)`
      );
    }
  }
  if (port !== void 0 && (!PORT2.test(port) || Number(port) < 1 || Number(port) > 65535)) {
    throw new UsageError(`push destination "${input}": registry port "${port}" is not a number from 1 to 65535`);
  }
  return { hostname, port };
}
function parsePrefix(pathPart, input) {
  const trimmed = pathPart.replace(/\/+$/, "");
  if (trimmed === "") return "";
  const prefix = trimmed.toLowerCase();
  if (/[@:]/.test(prefix)) throw new UsageError(`push destination "${input}" must not carry a tag or digest: each image gets its own tags`);
  for (const component of prefix.split("/")) {
    if (component === "")
      throw new UsageError(`push destination "${input}": the repository prefix "${trimmed}" has an empty path component`);
    if (!PATH_COMPONENT.test(component)) {
      throw new UsageError(
        `push destination "${input}": repository prefix component "${component}" is not valid (lowercase letters and digits, with single ".", "_", "__" or "-" separators between them)`
      );
    }
  }
  return prefix;
}
function formatHostname(hostname) {
  return isIP(hostname) === 6 ? `[${hostname}]` : hostname;
}
function isLoopback(hostname) {
  if (hostname === "localhost" || hostname.endsWith(".localhost")) return true;
  if (isIP(hostname) === 4) return hostname.startsWith("127.");
  if (isIP(hostname) === 6) return hostname === "::1" || hostname === "0:0:0:0:0:0:0:1";
  return false;
}
function listedInsecure(hostname, port, insecure) {
  const withPort = port === void 0 ? void 0 : `${formatHostname(hostname)}:${port}`;
  return insecure.some((entry) => {
    const wanted = entry.trim().toLowerCase().replace(/^https?:\/\//, "").replace(/\/+$/, "");
    const bare = wanted.replace(/^\[(.*)\]$/, "$1");
    return wanted === withPort || bare === hostname || wanted === hostname;
  });
}

// src/distribution/client.ts
var DEFAULT_MONOLITHIC_MAX_BYTES = 8 * 1024 * 1024;
var DEFAULT_CHUNK_BYTES = 32 * 1024 * 1024;
var DEFAULT_USER_AGENT = "nixery-action";
var MANIFEST_ACCEPT = [MediaType.ociManifest, MediaType.ociIndex, MediaType.dockerManifest, MediaType.dockerManifestList].join(", ");
var UPLOAD_LOST_CODES = /* @__PURE__ */ new Set(["BLOB_UPLOAD_UNKNOWN", "BLOB_UPLOAD_INVALID"]);
var UPLOAD_CORRUPT_CODES = /* @__PURE__ */ new Set(["DIGEST_INVALID", "SIZE_INVALID"]);
var RegistryClient = class {
  host;
  baseUrl;
  authorizer;
  monolithicMaxBytes;
  chunkBytes;
  retry;
  onRetry;
  userAgent;
  /** Whether the registry has answered once: after that, a refused connection is a restart worth waiting out. */
  reached = false;
  constructor(options) {
    this.host = options.host;
    this.baseUrl = registryBaseUrl(options.host, options.insecure);
    this.authorizer = options.authorizer;
    this.monolithicMaxBytes = options.monolithicMaxBytes ?? DEFAULT_MONOLITHIC_MAX_BYTES;
    this.chunkBytes = options.chunkBytes ?? DEFAULT_CHUNK_BYTES;
    if (!(this.chunkBytes > 0)) throw new Error(`chunkBytes must be positive, got ${this.chunkBytes}`);
    this.retry = { ...DEFAULT_RETRY_POLICY, ...options.retry };
    this.onRetry = options.onRetry;
    this.userAgent = options.userAgent ?? DEFAULT_USER_AGENT;
  }
  /**
   * GET /v2/: whether this is a registry and it answers. A 401 is an answer (it names the auth scheme, returned
   * as `authenticate`); anything else but 2xx is an error naming the host.
   */
  async ping() {
    const context = this.context("", "reach the registry API (GET /v2/)", "");
    let response;
    try {
      response = await sendRequest(
        { method: "GET", url: `${this.baseUrl}/v2/`, headers: { "User-Agent": this.userAgent } },
        // A host that never answered is the wrong address: say so at once rather than after five refusals.
        { policy: { ...this.retry, retryConnectionRefused: this.reached }, ...this.retryHook() }
      );
    } catch (error) {
      throw error instanceof ConnectionError ? unreachable(context, error) : error;
    }
    this.reached = true;
    if (response.ok || response.status === 401) {
      await response.body?.cancel().catch(() => {
      });
      return { authenticate: response.headers.get("www-authenticate") ?? void 0 };
    }
    throw await failureFromResponse(context, response, this.retry.attempts);
  }
  /** HEAD the blob: true only for a 200 whose Content-Length, when given, is the descriptor's size. */
  async hasBlob(repository, blob2) {
    const response = await this.call({
      method: "HEAD",
      url: `${this.baseUrl}/v2/${repository}/blobs/${blob2.digest}`,
      scopes: [pushScope(repository)],
      action: `look up blob ${blob2.digest}`,
      repository
    });
    await response.body?.cancel().catch(() => {
    });
    if (response.status === 404) return false;
    if (isRedirect(response.status) && response.headers.has("location")) return true;
    if (response.status !== 200) throw await this.failure(response, repository, `look up blob ${blob2.digest}`, [pushScope(repository)]);
    const length = response.headers.get("content-length");
    return length === null || Number(length) === blob2.size;
  }
  /** HEAD the manifest by digest: true for a 200 (whose Docker-Content-Digest, when given, is the digest). */
  async hasManifest(repository, manifest) {
    const response = await this.call({
      method: "HEAD",
      url: `${this.baseUrl}/v2/${repository}/manifests/${manifest.digest}`,
      scopes: [pushScope(repository)],
      action: `look up manifest ${manifest.digest}`,
      repository,
      headers: { Accept: MANIFEST_ACCEPT }
    });
    await response.body?.cancel().catch(() => {
    });
    if (response.status === 404) return false;
    if (response.status !== 200) {
      throw await this.failure(response, repository, `look up manifest ${manifest.digest}`, [pushScope(repository)]);
    }
    const digest = response.headers.get("docker-content-digest");
    return digest === null || digest === manifest.digest;
  }
  /**
   * Removes a tag. Registries that delete tags (distribution 3, the OCI 1.1 tag DELETE) do it directly; older
   * distribution registries delete only manifests by digest, which removes every tag naming that manifest, so that
   * is done only when no other tag in the repository names it, apart from `alsoRemoving` ('kept-shared'
   * otherwise). 'unsupported' when the registry refuses deletes altogether (ghcr.io: use the GitHub packages API).
   */
  async deleteTag(repository, tag, alsoRemoving = /* @__PURE__ */ new Set()) {
    const scopes = [deleteScope(repository)];
    const byTag = await this.deleteManifest(repository, tag, `delete tag ${tag}`, scopes);
    if (byTag.status === 202 || byTag.status === 200) return "deleted";
    if (byTag.status === 404) return "absent";
    if (byTag.status === 405 || byTag.status === 403 || byTag.status === 401) return "unsupported";
    const digest = await this.manifestDigest(repository, tag);
    if (digest === null) return "absent";
    for (const other of await this.listTags(repository)) {
      if (other === tag || alsoRemoving.has(other)) continue;
      if (await this.manifestDigest(repository, other) === digest) return "kept-shared";
    }
    const byDigest = await this.deleteManifest(repository, digest, `delete manifest ${digest}`, scopes);
    if (byDigest.status === 202 || byDigest.status === 200) return "deleted";
    if (byDigest.status === 404) return "absent";
    if (byDigest.status === 405 || byDigest.status === 400 || byDigest.status === 403) return "unsupported";
    throw await this.failure(byDigest, repository, `delete manifest ${digest}`, scopes);
  }
  /** One DELETE of a manifest by tag or digest; only the status matters, so the body is dropped. */
  async deleteManifest(repository, reference, action, scopes) {
    const response = await this.call({
      method: "DELETE",
      url: `${this.baseUrl}/v2/${repository}/manifests/${reference}`,
      scopes,
      action,
      repository
    });
    await response.body?.cancel().catch(() => {
    });
    return response;
  }
  /** The digest a tag names (HEAD, Docker-Content-Digest), or null when the tag is not there. */
  async manifestDigest(repository, reference) {
    const response = await this.call({
      method: "HEAD",
      url: `${this.baseUrl}/v2/${repository}/manifests/${reference}`,
      scopes: [pushScope(repository)],
      action: `look up manifest ${reference}`,
      repository,
      headers: { Accept: MANIFEST_ACCEPT }
    });
    await response.body?.cancel().catch(() => {
    });
    if (response.status === 404) return null;
    if (response.status !== 200) throw await this.failure(response, repository, `look up manifest ${reference}`, [pushScope(repository)]);
    return response.headers.get("docker-content-digest");
  }
  /** Every tag of a repository (one page of up to 1,000; more than that is beyond a pull request's images). */
  async listTags(repository) {
    const response = await this.call({
      method: "GET",
      url: `${this.baseUrl}/v2/${repository}/tags/list?n=1000`,
      scopes: [pushScope(repository)],
      action: "list tags",
      repository
    });
    if (response.status === 404) return [];
    if (response.status !== 200) throw await this.failure(response, repository, "list tags", [pushScope(repository)]);
    const body = await response.json().catch(() => ({}));
    return Array.isArray(body.tags) ? body.tags.filter((t) => typeof t === "string") : [];
  }
  /**
   * Asks the registry to link a blob `fromRepository` holds into `repository` without sending it. True when
   * mounted (201). A registry that cannot mount starts an upload instead (202); that upload is cancelled and
   * false returned, so the caller pushes the blob (pushBlob with `mountFrom` does both in one go).
   */
  async mountBlob(repository, blob2, fromRepository) {
    const started = await this.startUpload(repository, blob2, fromRepository);
    if (started === "mounted") return true;
    await this.cancelUpload(repository, started);
    return false;
  }
  /**
   * Uploads a blob into `repository`; returns its size (bytes resent after a failure are not counted). With
   * `mountFrom`, first asks to mount it from that repository and returns 0 if that worked. Small blobs go in one
   * PUT; bigger ones in PATCH chunks that resume where the registry says it stands after a failure, or start a
   * new upload when it cannot tell.
   */
  async pushBlob(repository, blob2, source, options = {}) {
    if ("file" in source) {
      const { size } = await stat2(source.file);
      if (size !== blob2.size) throw new Error(`blob ${blob2.digest}: ${source.file} has ${size} bytes, the descriptor says ${blob2.size}`);
    } else if (source.bytes.length !== blob2.size) {
      throw new Error(`blob ${blob2.digest}: ${source.bytes.length} bytes given, the descriptor says ${blob2.size}`);
    }
    const started = await this.startUpload(repository, blob2, options.mountFrom);
    if (started === "mounted") return 0;
    await this.upload(repository, blob2, source, started);
    return blob2.size;
  }
  /**
   * PUTs a manifest under a tag or its digest; returns its digest, after checking the registry computed the same.
   * Every blob it names must be in the repository already.
   */
  async putManifest(repository, reference, mediaType, bytes) {
    return (await this.sendManifest(repository, reference, mediaType, bytes)).digest;
  }
  /**
   * PUTs an artifact manifest that names a `subject`, by digest. True when the registry says (OCI-Subject) that it
   * indexed the subject for its referrers API; false when the caller must keep the tag-schema fallback index.
   */
  async putReferrerManifest(repository, manifest, bytes) {
    const { subjectIndexed } = await this.sendManifest(repository, manifest.digest, manifest.mediaType, bytes);
    return subjectIndexed;
  }
  /** GET a manifest (or index) by tag or digest: its bytes, or null when the registry has none (404). */
  async getManifest(repository, reference) {
    const action = `read manifest ${reference}`;
    const response = await this.call({
      method: "GET",
      url: `${this.baseUrl}/v2/${repository}/manifests/${reference}`,
      scopes: [pushScope(repository)],
      action,
      repository,
      headers: { Accept: MANIFEST_ACCEPT }
    });
    if (response.status === 404) {
      await response.body?.cancel().catch(() => {
      });
      return null;
    }
    if (response.status !== 200) throw await this.failure(response, repository, action, [pushScope(repository)]);
    return Buffer.from(await response.arrayBuffer());
  }
  /**
   * GET the referrers API for a subject: the descriptors listed, or null when the registry does not serve the API
   * (404), as the distribution spec tells clients to check before using the tag-schema fallback.
   */
  async listReferrers(repository, subjectDigest) {
    const action = `list the referrers of ${subjectDigest}`;
    const response = await this.call({
      method: "GET",
      url: `${this.baseUrl}/v2/${repository}/referrers/${subjectDigest}`,
      scopes: [pushScope(repository)],
      action,
      repository,
      headers: { Accept: MediaType.ociIndex }
    });
    if (response.status === 404) {
      await response.body?.cancel().catch(() => {
      });
      return null;
    }
    if (response.status !== 200) throw await this.failure(response, repository, action, [pushScope(repository)]);
    return parseReferrersIndex(Buffer.from(await response.arrayBuffer()));
  }
  async sendManifest(repository, reference, mediaType, bytes) {
    const digest = sha256Digest(bytes);
    const action = `push manifest ${reference}`;
    const scopes = [pushScope(repository)];
    const response = await this.call({
      method: "PUT",
      url: `${this.baseUrl}/v2/${repository}/manifests/${reference}`,
      scopes,
      action,
      repository,
      headers: { "Content-Type": mediaType, "Content-Length": String(bytes.length) },
      body: () => bytes
    });
    if (response.status !== 201 && response.status !== 200) {
      const errors = parseErrorBody(await response.text().catch(() => ""));
      throw manifestFailure(this.context(repository, action, scopes.join(" ")), response.status, errors, mediaType, this.retry.attempts);
    }
    await response.body?.cancel().catch(() => {
    });
    const returned = response.headers.get("docker-content-digest");
    if (returned !== null && returned !== digest) {
      throw new RegistryAccessError(
        `pushed manifest ${reference} to ${repository} on ${this.host}, but the registry reports digest ${returned} for it, not ${digest}: it changed the manifest, so pulls by digest would not find it`,
        { host: this.host, repository, status: response.status, tried: this.authorizer.describe() }
      );
    }
    return { digest, subjectIndexed: response.headers.has("oci-subject") };
  }
  /**
   * POST /blobs/uploads/ (with mount= and from= when mounting). 'mounted' for a 201; otherwise the upload the
   * registry opened.
   */
  async startUpload(repository, blob2, mountFrom) {
    const mounting = mountFrom !== void 0 && mountFrom !== repository;
    const query = mounting ? `?mount=${encodeURIComponent(blob2.digest)}&from=${encodeURIComponent(mountFrom)}` : "";
    const scopes = mounting ? [pushScope(repository), `repository:${mountFrom}:pull`] : [pushScope(repository)];
    const action = mounting ? `mount blob ${blob2.digest} from ${mountFrom}` : `start an upload of blob ${blob2.digest}`;
    const url = `${this.baseUrl}/v2/${repository}/blobs/uploads/${query}`;
    const response = await this.call({ method: "POST", url, scopes, action, repository, headers: { "Content-Length": "0" } });
    if (mounting && response.status === 201) {
      await response.body?.cancel().catch(() => {
      });
      return "mounted";
    }
    if (response.status !== 202) throw await this.failure(response, repository, action, scopes);
    await response.body?.cancel().catch(() => {
    });
    const minChunk = Number(response.headers.get("oci-chunk-min-length") ?? 0);
    return { location: this.location(response, url, action, repository), minChunk: Number.isFinite(minChunk) ? minChunk : 0 };
  }
  /**
   * Sends the bytes into an open upload and closes it with the digest. A failed request is followed by asking
   * the registry how far the upload got (GET on its location) and going on from there; when it cannot say, a
   * new upload starts from byte 0. `retry.attempts` failures in a row end it with the last error.
   */
  async upload(repository, blob2, source, first) {
    let session = first;
    let offset = 0;
    let troubled = false;
    let failures = 0;
    let restarts = 0;
    for (; ; ) {
      try {
        if (offset === 0 && blob2.size <= this.monolithicMaxBytes) {
          await this.closeUpload(repository, blob2, session, source);
          return;
        }
        if (offset < blob2.size) {
          const chunk = Math.max(this.chunkBytes, session.minChunk);
          const end = Math.min(blob2.size, offset + chunk);
          ({ session, offset } = await this.patchChunk(repository, blob2, session, source, offset, end));
          failures = 0;
          continue;
        }
        await this.closeUpload(repository, blob2, session, void 0);
        return;
      } catch (error) {
        if (!isTransientUploadFailure(error, troubled)) throw error;
        failures++;
        if (failures >= this.retry.attempts) throw this.gaveUp(repository, blob2, `${failures} failed requests in a row`, error);
        troubled = true;
        const delayMs = backoff(failures, this.retry);
        await sleep2(delayMs);
        const status = error instanceof RegistryAccessError && error.status === 416 ? void 0 : await this.uploadStatus(repository, session);
        if (status !== void 0 && status.offset <= blob2.size) {
          this.notify(session.location, failures, `upload resumed at byte ${status.offset} after ${reasonOf(error)}`, delayMs);
          session = status.session;
          offset = status.offset;
        } else {
          if (++restarts >= this.retry.attempts) throw this.gaveUp(repository, blob2, `${restarts} uploads were lost`, error);
          this.notify(session.location, failures, `upload restarted after ${reasonOf(error)}`, delayMs);
          await this.cancelUpload(repository, session).catch(() => {
          });
          const started = await this.startUpload(repository, blob2);
          if (started === "mounted") return;
          session = started;
          offset = 0;
          troubled = false;
        }
      }
    }
  }
  gaveUp(repository, blob2, why, last) {
    const detail = last instanceof Error ? last.message : String(last);
    return new RegistryAccessError(
      `cannot upload blob ${blob2.digest} to ${repository} on ${this.host}: gave up after ${why}; the last failure: ${detail}`,
      {
        host: this.host,
        repository,
        tried: this.authorizer.describe(),
        ...last instanceof RegistryAccessError && last.status !== void 0 ? { status: last.status } : {},
        ...last instanceof RegistryAccessError && last.code !== void 0 ? { code: last.code } : {}
      },
      last
    );
  }
  /** PATCH bytes [start, end) of the blob; returns the new location and the offset the registry now holds. */
  async patchChunk(repository, blob2, session, source, start, end) {
    const action = `upload bytes ${start}-${end - 1} of blob ${blob2.digest}`;
    const response = await this.call({
      method: "PATCH",
      url: session.location,
      scopes: [pushScope(repository)],
      action,
      repository,
      headers: {
        "Content-Type": "application/octet-stream",
        // The spec's chunk range is inclusive and has no "bytes " unit.
        "Content-Range": `${start}-${end - 1}`,
        "Content-Length": String(end - start)
      },
      body: bodyFactory(source, start, end),
      retry: { attempts: 1 }
    });
    if (response.status !== 202) throw await this.failure(response, repository, action, [pushScope(repository)]);
    await response.body?.cancel().catch(() => {
    });
    const reported = rangeEnd(response.headers.get("range"));
    return {
      session: { ...session, location: this.location(response, session.location, action, repository) },
      offset: reported !== void 0 && reported <= blob2.size ? reported : end
    };
  }
  /** The closing PUT with ?digest=, carrying the whole blob (monolithic) or nothing (after chunks). */
  async closeUpload(repository, blob2, session, whole) {
    const action = whole ? `upload blob ${blob2.digest}` : `finish the upload of blob ${blob2.digest}`;
    const response = await this.call({
      method: "PUT",
      url: withQueryParameter(session.location, "digest", blob2.digest),
      scopes: [pushScope(repository)],
      action,
      repository,
      headers: whole ? { "Content-Type": "application/octet-stream", "Content-Length": String(blob2.size) } : { "Content-Length": "0" },
      ...whole ? { body: bodyFactory(whole, 0, blob2.size) } : {},
      retry: { attempts: 1 }
    });
    if (response.status !== 201) throw await this.failure(response, repository, action, [pushScope(repository)]);
    await response.body?.cancel().catch(() => {
    });
    const returned = response.headers.get("docker-content-digest");
    if (returned !== null && returned !== blob2.digest) {
      throw new RegistryAccessError(
        `uploaded blob ${blob2.digest} to ${repository} on ${this.host}, but the registry stored it as ${returned}`,
        { host: this.host, repository, status: 201, tried: this.authorizer.describe() }
      );
    }
  }
  /** GET the upload: how many bytes the registry holds (Range: 0-N), or undefined when it cannot tell. */
  async uploadStatus(repository, session) {
    try {
      const response = await this.call({
        method: "GET",
        url: session.location,
        scopes: [pushScope(repository)],
        action: "ask how far an upload got",
        repository
      });
      await response.body?.cancel().catch(() => {
      });
      if (response.status !== 204 && response.status !== 200) return void 0;
      const location = response.headers.get("location");
      return {
        session: { ...session, location: location ? new URL(location, session.location).href : session.location },
        offset: rangeEnd(response.headers.get("range")) ?? 0
      };
    } catch {
      return void 0;
    }
  }
  /** DELETE an upload we will not finish, so the registry can drop it now rather than at its next cleanup. */
  async cancelUpload(repository, session) {
    const action = "cancel an upload";
    const response = await this.call({ method: "DELETE", url: session.location, scopes: [pushScope(repository)], action, repository });
    await response.body?.cancel().catch(() => {
    });
    if (!response.ok && response.status !== 404) throw await this.failure(response, repository, action, [pushScope(repository)]);
  }
  /**
   * One request with the authorizer's header for its scopes (several go space-separated, as OAuth2 scopes do).
   * A 401 is reported to the authorizer, and the request sent once more if it has something new to try.
   */
  async call(options) {
    const scope = options.scopes.join(" ");
    for (let challenged = false; ; challenged = true) {
      const authorization = await this.authorizer.header(scope);
      const headers = {
        "User-Agent": this.userAgent,
        ...options.headers,
        ...authorization !== void 0 ? { Authorization: authorization } : {}
      };
      let response;
      try {
        response = await sendRequest(
          { method: options.method, url: options.url, headers, ...options.body ? { body: options.body } : {} },
          { policy: { ...this.retry, retryConnectionRefused: this.reached, ...options.retry }, ...this.retryHook() }
        );
      } catch (error) {
        if (error instanceof ConnectionError) throw unreachable(this.context(options.repository, options.action, scope), error);
        throw error;
      }
      this.reached = true;
      if (response.status !== 401 || challenged) return response;
      const authenticate = response.headers.get("www-authenticate");
      const text2 = await response.text().catch(() => "");
      if (authenticate === null || !await this.authorizer.challenge(authenticate, scope)) {
        return new Response(text2, { status: 401, headers: response.headers });
      }
    }
  }
  async failure(response, repository, action, scopes) {
    return failureFromResponse(this.context(repository, action, scopes.join(" ")), response, this.retry.attempts);
  }
  context(repository, action, scope) {
    return { host: this.host, repository, action, scope, tried: this.authorizer.describe() };
  }
  /** The Location of an upload response, resolved against the request's URL (registries send either kind). */
  location(response, requestUrl, action, repository) {
    const location = response.headers.get("location");
    if (location === null) {
      throw new RegistryAccessError(`cannot ${action} (${repository} on ${this.host}): the registry sent no Location for the upload`, {
        host: this.host,
        repository,
        status: response.status,
        tried: this.authorizer.describe()
      });
    }
    return new URL(location, requestUrl).href;
  }
  retryHook() {
    return this.onRetry ? { onRetry: this.onRetry } : {};
  }
  notify(url, attempt, reason, delayMs) {
    this.onRetry?.({ method: "upload", url: redactUrl(url), attempt, reason, delayMs });
  }
};
function deleteScope(repository) {
  return `repository:${repository}:pull,push,delete`;
}
function pushScope(repository) {
  return `repository:${repository}:pull,push`;
}
function withQueryParameter(url, name, value) {
  const parsed = new URL(url);
  const hash = parsed.hash;
  const base = hash ? url.slice(0, url.length - hash.length) : url;
  const separator = parsed.search === "" ? base.endsWith("?") ? "" : "?" : "&";
  return `${base}${separator}${encodeURIComponent(name)}=${encodeURIComponent(value)}`;
}
function rangeEnd(range) {
  const match = range === null ? null : /^(?:bytes=)?0-(\d+)$/.exec(range.trim());
  if (!match) return void 0;
  const last = Number(match[1]);
  return last === 0 ? 0 : last + 1;
}
function bodyFactory(source, start, end) {
  if ("bytes" in source) return () => source.bytes.subarray(start, end);
  if (end <= start) return () => Buffer.alloc(0);
  return () => createReadStream(source.file, { start, end: end - 1 });
}
function isRedirect(status) {
  return status === 301 || status === 302 || status === 303 || status === 307 || status === 308;
}
function isTransientUploadFailure(error, troubled) {
  if (!(error instanceof RegistryAccessError)) return false;
  if (error.status === void 0) return true;
  if (error.status === 429 || error.status >= 500 || error.status === 416) return true;
  if (error.code !== void 0 && UPLOAD_LOST_CODES.has(error.code)) return true;
  return troubled && error.code !== void 0 && UPLOAD_CORRUPT_CODES.has(error.code);
}
function reasonOf(error) {
  if (error instanceof RegistryAccessError)
    return error.status !== void 0 ? `HTTP ${error.status}${error.code ? ` ${error.code}` : ""}` : "a connection error";
  return "an error";
}

// src/storage/probe.ts
var PROBE_TIMEOUT_MS = 2e4;
async function probeBucket(storage, timeoutMs = PROBE_TIMEOUT_MS) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(
      () => reject(
        new BucketAccessError(
          "reach",
          storage.location,
          `no answer within ${timeoutMs / 1e3} s`,
          "check the bucket name, the endpoint and the credentials (checked before building, so nothing was built)"
        )
      ),
      timeoutMs
    );
  });
  try {
    await Promise.race([storage.stat("index.json"), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

// src/storage/content-check.ts
var ContentMismatchError = class extends Error {
  name = "ContentMismatchError";
  key;
  digest;
  /** `sha256:<hex>` of the bytes actually given. */
  actual;
  constructor(location, key, digest, actual) {
    super(`refusing to store ${key} in ${location}: its bytes hash to ${actual}, not ${digest}; nothing was written`);
    this.key = key;
    this.digest = digest;
    this.actual = actual;
  }
};
function withContentCheck(backend) {
  return backend instanceof ContentCheckedStorage ? backend : new ContentCheckedStorage(backend);
}
var ContentCheckedStorage = class {
  location;
  // Every optional ability of StorageBackend is copied here; a new one must be added too.
  local;
  signedReadUrl;
  inner;
  md5;
  constructor(inner) {
    this.inner = inner;
    this.md5 = inner.local === void 0;
    this.location = inner.location;
    if (inner.local) this.local = inner.local;
    if (inner.signedReadUrl) this.signedReadUrl = inner.signedReadUrl.bind(inner);
  }
  stat(key) {
    return this.inner.stat(key);
  }
  readBytes(key) {
    return this.inner.readBytes(key);
  }
  openRead(key, range) {
    return this.inner.openRead(key, range);
  }
  async writeBytes(key, data, options = {}) {
    if (options.digest === void 0) return this.inner.writeBytes(key, data, options);
    const checksums = this.checked(key, options.digest, checksumsOfBytes(data, { md5: this.md5 }));
    return this.inner.writeBytes(key, data, { ...options, checksums });
  }
  /** A refused file is left in place, like any failed writeFile: the caller staged it and removes it. */
  async writeFile(key, localPath, options = {}) {
    if (options.digest === void 0) return this.inner.writeFile(key, localPath, options);
    const checksums = this.checked(key, options.digest, await checksumsOfFile(localPath, { md5: this.md5 }));
    return this.inner.writeFile(key, localPath, { ...options, checksums });
  }
  list(prefix) {
    return this.inner.list(prefix);
  }
  listObjects(prefix) {
    return this.inner.listObjects(prefix);
  }
  touch(key) {
    return this.inner.touch(key);
  }
  delete(key) {
    return this.inner.delete(key);
  }
  stagingDir() {
    return this.inner.stagingDir();
  }
  checked(key, digest, checksums) {
    if (checksums.sha256Hex !== digestHex(digest)) {
      throw new ContentMismatchError(this.location, key, digest, `sha256:${checksums.sha256Hex}`);
    }
    return checksums;
  }
};

// src/storage/filesystem.ts
import { createReadStream as createReadStream2 } from "node:fs";
import { copyFile as copyFile3, mkdir, readdir as readdir2, readFile as readFile2, rename, rm as rm4, stat as stat3, utimes, writeFile } from "node:fs/promises";
import path3 from "node:path";
import { randomBytes as randomBytes3 } from "node:crypto";
var TEMP_DIR = ".tmp";
var FilesystemStorage = class {
  location;
  local;
  staleSwept;
  constructor(root) {
    this.location = path3.resolve(root);
    this.local = { folder: this.location, path: (key) => this.localPath(key) };
  }
  async stat(key) {
    try {
      const info = await stat3(this.localPath(key));
      return info.isFile() ? { size: info.size } : null;
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
  }
  async readBytes(key) {
    try {
      return await readFile2(this.localPath(key));
    } catch (error) {
      if (isNotFound(error) || error.code === "EISDIR") return null;
      throw error;
    }
  }
  async openRead(key, range) {
    if (!await this.stat(key)) return null;
    return createReadStream2(this.localPath(key), range ? { start: range.start, end: range.end } : {});
  }
  async writeBytes(key, data) {
    const target = this.localPath(key);
    await this.describingFailures(target, async () => {
      const temp = await this.tempPath();
      try {
        await writeFile(temp, data);
        await this.moveIntoPlace(temp, target);
      } finally {
        await rm4(temp, { force: true });
      }
    });
  }
  async writeFile(key, localPath) {
    const target = this.localPath(key);
    await this.describingFailures(target, async () => {
      try {
        await this.moveIntoPlace(localPath, target);
      } catch (error) {
        if (error.code !== "EXDEV") throw error;
        const temp = await this.tempPath();
        try {
          await copyFile3(localPath, temp);
          await this.moveIntoPlace(temp, target);
          await rm4(localPath, { force: true });
        } finally {
          await rm4(temp, { force: true });
        }
      }
    });
  }
  async list(prefix) {
    return (await this.walk(prefix)).sort();
  }
  async listObjects(prefix) {
    const listed = [];
    for (const key of (await this.walk(prefix)).sort()) {
      const info = await stat3(this.localPath(key)).catch((error) => {
        if (isNotFound(error)) return null;
        throw error;
      });
      if (info?.isFile()) listed.push({ key, size: info.size, modified: info.mtimeMs });
    }
    return listed;
  }
  /** The file's times are the liveness mark; utimes changes them in place, never the bytes or the inode. */
  async touch(key) {
    const now = /* @__PURE__ */ new Date();
    try {
      await utimes(this.localPath(key), now, now);
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
    return this.stat(key);
  }
  /** Empty folders stay: a writer may be about to rename a file into one (mkdir, then rename). */
  async delete(key) {
    const target = this.localPath(key);
    await this.describingFailures(target, () => rm4(target, { force: true }));
  }
  /** Keys of the files under prefix (staging excluded), in directory order. */
  async walk(prefix) {
    const keys = [];
    const walk = async (relativeDir) => {
      let entries;
      try {
        entries = await readdir2(path3.join(this.location, relativeDir), { withFileTypes: true });
      } catch (error) {
        if (isNotFound(error)) return;
        throw error;
      }
      for (const entry of entries) {
        const key = relativeDir ? `${relativeDir}/${entry.name}` : entry.name;
        if (key === TEMP_DIR) continue;
        if (entry.isDirectory()) {
          if (prefix.startsWith(key + "/") || key.startsWith(prefix)) await walk(key);
        } else if (entry.isFile() && key.startsWith(prefix)) {
          keys.push(key);
        }
      }
    };
    await walk("");
    return keys;
  }
  async stagingDir() {
    const dir = path3.join(this.location, TEMP_DIR);
    await this.describingFailures(dir, () => mkdir(dir, { recursive: true }));
    this.staleSwept ??= removeStaleTemps(dir, Date.now());
    await this.staleSwept;
    return dir;
  }
  async tempPath() {
    return path3.join(await this.stagingDir(), `${process.pid}-${randomBytes3(8).toString("hex")}`);
  }
  async moveIntoPlace(from, target) {
    await mkdir(path3.dirname(target), { recursive: true });
    await rename(from, target);
  }
  /** Failures a person fixes on the machine (permissions, read-only or full disk) become bucket access errors. */
  async describingFailures(target, write) {
    try {
      return await write();
    } catch (error) {
      const hint = ACCESS_HINTS.get(error.code ?? "");
      if (hint === void 0 || error instanceof BucketAccessError) throw error;
      throw new BucketAccessError("write", target, error.message, hint(this.location), void 0, error);
    }
  }
  /** Where an object lives on disk. Keys come from layout.ts, built from validated parts; this check keeps any key from leaving the bucket. */
  localPath(key) {
    const parts = key.split("/");
    if (key.startsWith("/") || parts.some((p) => p === "" || p === "." || p === ".." || p.includes("\0"))) {
      throw new Error(`refusing storage key "${key}": not a plain relative key`);
    }
    return path3.join(this.location, ...parts);
  }
};
var ACCESS_HINTS = /* @__PURE__ */ new Map([
  ["EACCES", (folder) => `give this user write access to ${folder}, or choose another folder`],
  ["EPERM", (folder) => `give this user write access to ${folder} (check its owner and immutable attributes), or choose another folder`],
  ["EROFS", (folder) => `${folder} is on a read-only filesystem; choose a writable folder`],
  ["ENOSPC", (folder) => `the disk holding ${folder} is full; free space or choose another folder`]
]);
async function removeStaleTemps(dir, now) {
  const names = await readdir2(dir).catch(() => []);
  for (const name of names) {
    const file = path3.join(dir, name);
    const info = await stat3(file).catch(() => null);
    if (info && now - info.mtimeMs >= STALE_TEMP_MS) await rm4(file, { recursive: true, force: true }).catch(() => {
    });
  }
}
function isNotFound(error) {
  const code = error.code;
  return code === "ENOENT" || code === "ENOTDIR";
}

// src/storage/open.ts
var STORAGE_LOCATION_HELP = "a local folder, gs://BUCKET[/PREFIX] or s3://BUCKET[/PREFIX][?endpoint=URL&region=R&path-style=true]";
async function openStorage(location, options = {}) {
  return withContentCheck(await openBackend(location, options));
}
var SCHEME2 = /^([a-z][a-z0-9+.-]*):\/\//i;
var MISTYPED_URL = /^([a-z][a-z0-9+.-]+):(?!\/\/)/i;
function assertFolderPath(location) {
  const scheme = MISTYPED_URL.exec(location)?.[1];
  if (scheme !== void 0) {
    throw new UsageError(
      `storage "${location}" looks like a URL but is not one: write ${scheme}://\u2026 (two slashes), or ./${location} for a local folder of that name`
    );
  }
  return location;
}
async function openBackend(location, options) {
  const scheme = SCHEME2.exec(location)?.[1]?.toLowerCase();
  if (scheme === void 0) return new FilesystemStorage(assertFolderPath(location));
  if (scheme === "file") return new FilesystemStorage(decodeURIComponent(new URL(location).pathname));
  if (scheme === "gs") {
    const { bucket, prefix, query } = parseBucketUrl(location);
    if (query.size) throw new UsageError(`storage "${location}": gs:// locations take no ?options`);
    const { GcsStorage } = await import("./gcs-NGPEYZV3.js");
    return new GcsStorage({ bucket, prefix });
  }
  if (scheme === "s3") {
    const { bucket, prefix, query } = parseBucketUrl(location);
    const { S3Storage } = await import("./s3-7AMSHDUQ.js");
    return new S3Storage({ bucket, prefix, ...resolveS3Settings(location, query, options.s3 ?? {}, options.env ?? process.env) });
  }
  throw new UsageError(`storage "${location}": ${scheme}:// is not supported; use ${STORAGE_LOCATION_HELP}`);
}
function parseBucketUrl(location) {
  let url;
  try {
    url = new URL(location);
  } catch {
    throw new UsageError(`storage "${location}": not a valid URL; use ${STORAGE_LOCATION_HELP}`);
  }
  const bucket = url.hostname;
  if (!/^[a-z0-9][a-z0-9._-]{1,220}[a-z0-9]$/.test(bucket)) {
    throw new UsageError(`storage "${location}": "${bucket}" is not a valid bucket name (lowercase letters, digits, ".", "-", "_")`);
  }
  const prefix = decodeURIComponent(url.pathname).replace(/^\/+|\/+$/g, "");
  const rawPath = location.replace(/^[a-z0-9]+:\/\/[^/?#]*/i, "").split(/[?#]/)[0] ?? "";
  if (rawPath.split("/").some((part) => part === "." || part === "..") || /\/\//.test(prefix)) {
    throw new UsageError(`storage "${location}": the prefix "${prefix}" must be plain folder names separated by "/"`);
  }
  return { bucket, prefix, query: url.searchParams };
}
var S3_QUERY_KEYS = /* @__PURE__ */ new Set(["endpoint", "region", "path-style"]);
function resolveS3Settings(location, query, flags, env) {
  for (const key of query.keys()) {
    if (!S3_QUERY_KEYS.has(key))
      throw new UsageError(`storage "${location}": unknown option "${key}"; s3:// takes endpoint, region and path-style`);
  }
  const endpoint = flags.endpoint ?? query.get("endpoint") ?? nonEmpty(env.AWS_ENDPOINT_URL_S3) ?? nonEmpty(env.AWS_ENDPOINT_URL);
  const region = flags.region ?? query.get("region") ?? nonEmpty(env.AWS_REGION) ?? nonEmpty(env.AWS_DEFAULT_REGION);
  const pathStyleText = query.get("path-style") ?? nonEmpty(env.AWS_S3_FORCE_PATH_STYLE);
  const forcePathStyle = flags.forcePathStyle ?? (pathStyleText === void 0 || pathStyleText === null ? void 0 : parseBoolean(pathStyleText, location));
  if (endpoint !== void 0) {
    try {
      const url = new URL(endpoint);
      if (url.protocol !== "http:" && url.protocol !== "https:") throw new UsageError("scheme");
    } catch {
      throw new UsageError(`S3 endpoint "${endpoint}" for ${location}: expected an http:// or https:// URL`);
    }
  }
  return {
    ...endpoint !== void 0 ? { endpoint } : {},
    ...region !== void 0 ? { region } : {},
    ...forcePathStyle !== void 0 ? { forcePathStyle } : {}
  };
}
function parseBoolean(text2, location) {
  if (/^(1|true|yes)$/i.test(text2)) return true;
  if (/^(0|false|no)$/i.test(text2)) return false;
  throw new UsageError(`storage "${location}": path-style "${text2}": expected true or false`);
}
function nonEmpty(value) {
  return value === void 0 || value === "" ? void 0 : value;
}

// src/targets/registry.ts
var MANIFEST_TYPES = /* @__PURE__ */ new Set([MediaType.ociManifest, MediaType.ociIndex, MediaType.dockerManifest, MediaType.dockerManifestList]);
var RegistryTarget = class {
  location;
  consumesFiles = false;
  client;
  destination;
  /** Where this run has seen each blob: the repository to mount it from. */
  seen = /* @__PURE__ */ new Map();
  constructor(client, destination) {
    this.client = client;
    this.destination = destination;
    this.location = describeDestination(destination);
  }
  /** The pull reference of an image's tag or digest here, e.g. `ghcr.io/acme/images/shell/git:pr-7`. */
  reference(name, tagOrDigest) {
    const separator = tagOrDigest.startsWith("sha256:") ? "@" : ":";
    return `${this.destination.host}/${this.repository(name)}${separator}${tagOrDigest}`;
  }
  async hasBlob(name, blob2) {
    const repository = this.repository(name);
    const present = MANIFEST_TYPES.has(blob2.mediaType) ? await this.client.hasManifest(repository, blob2) : await this.client.hasBlob(repository, blob2);
    if (present) this.seen.set(blob2.digest, repository);
    return present;
  }
  stagingDir() {
    return localStagingDir();
  }
  putBlobFile(name, blob2, localPath) {
    return this.putBlob(name, blob2, { file: localPath });
  }
  putBlobBytes(name, blob2, bytes) {
    return this.putBlob(name, blob2, { bytes });
  }
  async putManifest(name, manifest, bytes) {
    const repository = this.repository(name);
    if (await this.client.hasManifest(repository, manifest)) return 0;
    await this.client.putManifest(repository, manifest.digest, manifest.mediaType, bytes);
    return bytes.length;
  }
  /**
   * Registries with the referrers API index the subject themselves (they answer OCI-Subject); for the others the
   * distribution spec's tag schema applies: an index of referrers under the tag `sha256-<subject hex>`.
   */
  async putReferrer(name, subject, referrer, bytes) {
    const repository = this.repository(name);
    if (await this.client.hasManifest(repository, referrer)) {
      const listed = await this.client.listReferrers(repository, subject.digest);
      if (listed === null) await this.addToFallbackIndex(repository, subject, referrer);
      return 0;
    }
    if (!await this.client.putReferrerManifest(repository, referrer, bytes)) await this.addToFallbackIndex(repository, subject, referrer);
    return bytes.length;
  }
  /** The tag-schema fallback: the index under `sha256-<subject hex>`, with `referrer` added unless it is there. */
  async addToFallbackIndex(repository, subject, referrer) {
    const tag = referrersFallbackTag(subject.digest);
    const existing = await this.client.getManifest(repository, tag);
    const listed = existing ? parseReferrersIndex(existing) : [];
    if (listed.some((d) => d.digest === referrer.digest)) return;
    await this.client.putManifest(repository, tag, MediaType.ociIndex, serializeReferrersIndex([...listed, referrer]));
  }
  async tag(name, tags, manifest, bytes) {
    const repository = this.repository(name);
    for (const tag of new Set(tags)) await this.client.putManifest(repository, tag, manifest.mediaType, bytes);
  }
  /** Removes name:tag here, as far as the registry allows (see RegistryClient.deleteTag); `alsoRemoving` are its other tags going too. */
  removeTag(name, tag, alsoRemoving = /* @__PURE__ */ new Set()) {
    return this.client.deleteTag(this.repository(name), tag, alsoRemoving);
  }
  /** Sends a blob unless the repository holds it or can mount it from another repository; returns the bytes sent. */
  async putBlob(name, blob2, source) {
    const repository = this.repository(name);
    if (await this.client.hasBlob(repository, blob2)) return 0;
    const from = this.seen.get(blob2.digest);
    if (from !== void 0 && from !== repository && await this.client.mountBlob(repository, blob2, from)) {
      this.seen.set(blob2.digest, repository);
      return 0;
    }
    const sent = await this.client.pushBlob(repository, blob2, source);
    this.seen.set(blob2.digest, repository);
    return sent;
  }
  repository(name) {
    return repositoryFor(this.destination, name);
  }
};

// src/pipeline/destination.ts
function bucketDestination(storage) {
  return { targets: [new BucketTarget(new ImageStore(storage))], cache: new BuildCache(storage) };
}
async function openDestination(settings, options = {}) {
  const storage = await openStorage(settings.bucket, options);
  await probeBucket(storage);
  const registries = await Promise.all(settings.registries.map((registry) => openRegistryTarget(registry, options)));
  const destination = bucketDestination(storage);
  return { destination: { ...destination, targets: [...destination.targets, ...registries] }, storage, registries };
}
async function openRegistryTarget(registry, options = {}) {
  const fallback = options.fallbackCredentials?.host === registry.host ? options.fallbackCredentials : void 0;
  const credentials = await findCredentials(registry.host, {
    ...registry.prefix ? { repository: registry.prefix } : {},
    ...options.env ? { env: options.env } : {},
    ...fallback ? { fallback: { credentials: fallback.credentials, source: fallback.source } } : {}
  });
  const client = new RegistryClient({
    host: registry.host,
    insecure: registry.insecure,
    authorizer: createAuthorizer({ host: registry.host, credentials })
  });
  return new RegistryTarget(client, registry);
}

// src/settings/rules.ts
var MAX_LAYERS = 125;
var MAX_BUDGET = MAX_LAYERS - 1;
var DEFAULT_COMPRESSION = "gzip";
var DEFAULT_TIMEOUT_SECONDS = 3600;
var MAX_TIMEOUT_SECONDS = Math.floor((2 ** 31 - 1) / 1e3);
function parseBudget(value, name = "--budget") {
  if (value === void 0) return DEFAULT_LAYER_BUDGET;
  const budget = Number(value);
  if (!/^\d+$/.test(value) || budget < 1 || budget > MAX_BUDGET) {
    throw new UsageError(`${name} "${value}": expected a whole number from 1 to ${MAX_BUDGET}`);
  }
  return budget;
}
function parseCompression(value, name = "--compression") {
  if (value === void 0) return DEFAULT_COMPRESSION;
  if (!COMPRESSIONS.includes(value)) {
    throw new UsageError(`${name} "${value}": expected one of ${COMPRESSIONS.join(", ")}`);
  }
  return value;
}
function parseTimeout(value, env, name = "--timeout") {
  const raw = value ?? env.NIX_TIMEOUT;
  if (raw === void 0 || raw === "" && value === void 0) return DEFAULT_TIMEOUT_SECONDS * 1e3;
  const seconds2 = raw.trim() === "" ? NaN : Number(raw);
  if (!Number.isFinite(seconds2) || seconds2 <= 0 || seconds2 > MAX_TIMEOUT_SECONDS) {
    throw new UsageError(
      `${value !== void 0 ? name : "NIX_TIMEOUT"} "${raw}": expected a positive number of seconds, at most ${MAX_TIMEOUT_SECONDS}`
    );
  }
  return seconds2 * 1e3;
}
function parsePositiveInteger(name, value) {
  if (value === void 0) return void 0;
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(n) || n < 1)
    throw new UsageError(`${name} "${value}": expected a whole number of at least 1`);
  return n;
}
function parsePlatforms(value, setting = "--platform") {
  const arches = [];
  for (const raw of value.split(",")) {
    const spelled = raw.trim();
    if (spelled === "") continue;
    const [os3, arch, variant, ...rest] = spelled.toLowerCase().split("/");
    const known = ARCHES.find((a) => a === arch);
    if (os3 !== "linux" || !known || rest.length > 0 || variant !== void 0 && variant !== VARIANTS[known]) {
      throw new UsageError(
        `${setting}: "${spelled}" is not a platform nixery builds; it builds linux/amd64 and linux/arm64 (e.g. ${setting} linux/amd64,linux/arm64)`
      );
    }
    if (!arches.includes(known)) arches.push(known);
  }
  if (arches.length === 0) throw new UsageError(`${setting} is empty: give linux/amd64 and linux/arm64, comma-separated`);
  return arches;
}

// src/settings/source.ts
import { resolve as resolvePath2 } from "node:path";

// src/nix/flake-lock.ts
import { readFileSync as readFileSync3 } from "node:fs";
var DEFAULT_LOCK_INPUT = "nixpkgs";
function sourceFromFlakeLock(file, input, shown) {
  let text2;
  try {
    text2 = readFileSync3(file, "utf8");
  } catch (error) {
    const e = error;
    const why = e.code === "ENOENT" ? "does not exist" : `cannot be read (${e.code ?? e.message})`;
    throw new UsageError(`${shown} ${why} (looked at ${file}): run "nix flake lock" and commit flake.lock`);
  }
  let lock;
  try {
    lock = JSON.parse(text2);
  } catch (error) {
    throw new UsageError(`${shown} is not valid JSON: ${error.message}`);
  }
  const nodes = lock.nodes ?? {};
  const root = nodes[lock.root ?? "root"];
  const inputs = Object.keys(root?.inputs ?? {});
  const target = root?.inputs?.[input];
  if (target === void 0) {
    throw new UsageError(
      `${shown} has no input "${input}"; its inputs are ${inputs.length > 0 ? inputs.join(", ") : "none"} (name one as flake.lock#INPUT)`
    );
  }
  const node = typeof target === "string" ? nodes[target] : void 0;
  const locked = node?.locked;
  if (!locked) throw new UsageError(`${shown}: input "${input}" is not locked to a revision (it follows another input)`);
  const rev = typeof locked.rev === "string" ? locked.rev : void 0;
  const narHash = typeof locked.narHash === "string" ? locked.narHash : void 0;
  if (locked.type === "github" && rev) {
    if (String(locked.owner).toLowerCase() === "nixos" && String(locked.repo).toLowerCase() === "nixpkgs") {
      return { kind: "nixpkgs", commit: rev, ...narHash ? { sha256: narHash } : {} };
    }
    return { kind: "git", url: `https://github.com/${String(locked.owner)}/${String(locked.repo)}.git`, rev };
  }
  if (locked.type === "git" && rev && typeof locked.url === "string") return { kind: "git", url: locked.url, rev };
  throw new UsageError(
    `${shown}: input "${input}" is locked as ${String(locked.type)}${rev ? "" : " without a revision"}; flake.lock pins a package set only for github: and git inputs with a rev`
  );
}

// src/settings/source.ts
var DEFAULT_CHANNEL = "nixos-unstable";
var SOURCE_OPTIONS = {
  nixpkgs: { type: "string" },
  "nixpkgs-sha256": { type: "string" },
  channel: { type: "string" },
  "pkgs-repo": { type: "string" },
  "pkgs-path": { type: "string" },
  flake: { type: "string" }
};
var SOURCE_FLAGS = ["nixpkgs", "channel", "pkgs-repo", "pkgs-path", "flake"];
var SOURCE_KINDS = { nixpkgs: "nixpkgs", channel: "channel", "pkgs-repo": "git", "pkgs-path": "path", flake: "flake" };
var SOURCE_ENV = [
  ["NIXERY_CHANNEL", "channel"],
  ["NIXERY_PKGS_REPO", "git"],
  ["NIXERY_PKGS_PATH", "path"]
];
function sourceFromEnvName(env) {
  return SOURCE_ENV.find(([name]) => nonEmpty2(env[name]) !== void 0)?.[0];
}
function chooseSource(values, env = {}) {
  const given = SOURCE_FLAGS.filter((flag2) => values[flag2] !== void 0);
  if (given.length > 1) throw new UsageError(`choose one package set, not ${given.map((f) => `--${f}`).join(" and ")}`);
  if (values["nixpkgs-sha256"] !== void 0 && given[0] !== "nixpkgs") {
    throw new UsageError("--nixpkgs-sha256 goes with --nixpkgs");
  }
  const flag = given[0];
  if (flag !== void 0) {
    const lock = flag === "nixpkgs" ? flakeLockSpelling(values.nixpkgs, process.cwd()) : void 0;
    if (lock) {
      if (values["nixpkgs-sha256"] !== void 0) throw new UsageError("--nixpkgs-sha256 goes with a commit, not with flake.lock");
      return lock;
    }
    const sha2562 = values["nixpkgs-sha256"];
    return parseSourceOption(SOURCE_KINDS[flag], values[flag], sha2562 === void 0 ? {} : { sha256: sha2562 });
  }
  for (const [name, kind] of SOURCE_ENV) {
    const value = nonEmpty2(env[name]);
    if (value === void 0) continue;
    try {
      return parseSourceOption(kind, value);
    } catch (error) {
      throw new UsageError(`${name}: ${error.message}`);
    }
  }
  return parseSourceOption("channel", DEFAULT_CHANNEL);
}
function nonEmpty2(value) {
  return value === void 0 || value.trim() === "" ? void 0 : value;
}
var FLAKE_LOCK = /^(?:(.*\/))?flake\.lock(?:#(.*))?$/;
function flakeLockSpelling(value, cwd) {
  const m = FLAKE_LOCK.exec(value.trim());
  if (!m) return void 0;
  const file = resolvePath2(cwd, `${m[1] ?? ""}flake.lock`);
  const input = m[2] ?? DEFAULT_LOCK_INPUT;
  if (input === "") throw new UsageError(`"${value}" ends in "#": name a flake input after it, or drop it`);
  return sourceFromFlakeLock(file, input, value.trim().replace(/#.*$/, ""));
}

// src/settings/destinations.ts
import os2 from "node:os";
import path4 from "node:path";
var DOCKER_SCHEME = /^docker:\/\//i;
function readDestinations(places, options = {}) {
  const name = options.name ?? "--out";
  const buckets = [...new Set(places.filter((p) => !DOCKER_SCHEME.test(p)))];
  const registries = places.filter((p) => DOCKER_SCHEME.test(p)).map((p) => parsePushDestination(p, { insecure: options.insecure ?? [] }));
  if (buckets.length > 1) {
    throw new UsageError(`${name}: one bucket at most (it keeps the build caches), not ${buckets.map((b) => `"${b}"`).join(" and ")}`);
  }
  const bucket = buckets[0];
  if (bucket === void 0 && registries.length === 0) {
    throw new UsageError(`${name}: name a bucket (a folder, gs://BUCKET/PREFIX, s3://BUCKET/PREFIX) or a registry (docker://HOST/PREFIX)`);
  }
  return bucket !== void 0 ? { bucket, bucketIsCache: false, registries } : { bucket: localCacheBucket(options.env ?? process.env), bucketIsCache: true, registries };
}
function localCacheBucket(env) {
  const root = env.NIXERY_CACHE_DIR || path4.join(env.XDG_CACHE_HOME || path4.join(os2.homedir(), ".cache"), "nixery");
  return path4.join(root, "store");
}

// src/settings/images-file.ts
var import_yaml = __toESM(require_dist(), 1);
import { readFileSync as readFileSync4 } from "node:fs";
var FILE_KEYS = ["packages", "platforms"];
var KNOWN_KEYS = [...FILE_KEYS, ...CONFIG_KEYS];
function readImagesFile(file, shown = file) {
  let text2;
  try {
    text2 = readFileSync4(file, "utf8");
  } catch (error) {
    const e = error;
    throw new UsageError(`images file ${shown} ${e.code === "ENOENT" ? "does not exist" : `cannot be read (${e.code ?? e.message})`}`);
  }
  return parseImagesFile(text2, shown);
}
function parseImagesFile(text2, shown) {
  const lines = new import_yaml.LineCounter();
  const doc = (0, import_yaml.parseDocument)(text2, { lineCounter: lines, uniqueKeys: true });
  const at = (node) => node?.range ? `${shown}:${lines.linePos(node.range[0]).line}` : shown;
  const firstError = doc.errors[0];
  if (firstError) {
    throw new UsageError(
      `${shown}:${firstError.linePos?.[0]?.line ?? "?"}: not valid YAML or JSON: ${firstError.message.split("\n")[0].replace(/ at line \d+, column \d+:?$/, "")}`
    );
  }
  if (!(0, import_yaml.isMap)(doc.contents)) {
    throw new UsageError(`${at(doc.contents)}: an images file is a map from image names to images (e.g. "api: {packages: [hello]}")`);
  }
  const specs = [];
  for (const pair of doc.contents.items) {
    const keyNode = pair.key;
    const name = (0, import_yaml.isScalar)(keyNode) ? String(keyNode.value) : "";
    try {
      checkRepositoryName(name);
    } catch (error) {
      throw new UsageError(`${at(keyNode)}: ${error.message}`);
    }
    specs.push(readImage(doc, name, pair.value, at));
  }
  if (specs.length === 0) throw new UsageError(`${shown}: the images file lists no images`);
  return specs;
}
function readImage(doc, name, node, at) {
  if (!(0, import_yaml.isMap)(node)) throw new UsageError(`${at(node)}: image "${name}" is not a map with at least "packages"`);
  for (const pair of node.items) {
    const key = (0, import_yaml.isScalar)(pair.key) ? String(pair.key.value) : "";
    if (!KNOWN_KEYS.includes(key)) {
      throw new UsageError(`${at(pair.key)}: image "${name}" has an unknown key "${key}"; the keys are ${KNOWN_KEYS.join(", ")}`);
    }
  }
  const entry = node.toJSON();
  const fail = (path5, message) => {
    throw new UsageError(`${at(doc.getIn([name, ...path5], true))}: image "${name}": ${message}`);
  };
  try {
    const listed = platforms(entry.platforms, fail);
    return {
      name,
      packages: packages(entry.packages, fail),
      arch: listed?.[0] ?? "amd64",
      ...listed ? { platforms: listed } : {},
      config: parseImageConfig2(entry)
    };
  } catch (error) {
    if (error instanceof ImageConfigError) return fail(error.path, error.message);
    throw error;
  }
}
function packages(value, fail) {
  if (value === void 0) return fail([], "packages is missing: list the packages, e.g. packages: [hello, cacert]");
  const list = typeof value === "string" ? value.split(/[\s,/]+/).filter(Boolean) : value;
  if (!Array.isArray(list) || list.length === 0) return fail(["packages"], "packages is not a list of package names");
  list.forEach((item, i) => {
    if (typeof item !== "string" || !/^[A-Za-z0-9_][A-Za-z0-9._+-]*$/.test(item)) {
      fail(["packages", i], `package "${String(item)}" is not a package name (an attribute such as git or python3Packages.numpy)`);
    }
  });
  return expandPackageList(list);
}
function platforms(value, fail) {
  if (value === void 0) return void 0;
  const list = Array.isArray(value) ? value : [value];
  const arches = list.flatMap((item, i) => {
    try {
      return parsePlatforms(String(item), "platforms");
    } catch (error) {
      return fail(["platforms", i], error.message);
    }
  });
  return [...new Set(arches)];
}

// src/cli/progress.ts
function progressReporter(stream, verbose) {
  const tty = stream.isTTY === true;
  const status = (text2) => {
    if (tty) stream.write(`\r\x1B[2K${text2.slice(0, Math.max(20, (stream.columns || 80) - 1))}`);
    else stream.write(text2 + "\n");
  };
  return (event) => {
    switch (event.type) {
      case "nix-build":
        status(`${event.image}: building with nix`);
        break;
      case "nix-log":
        if (verbose) {
          if (tty) stream.write("\r\x1B[2K");
          stream.write(`  nix: ${event.line}
`);
        } else if (tty) status(`${event.image}: nix: ${event.line}`);
        break;
      case "layer":
        status(`${event.image}: layer ${event.index}/${event.count} ${event.cached ? "cached" : "written"} (${formatBytes(event.bytes)})`);
        if (tty && event.index === event.count) stream.write("\n");
        break;
      case "manifest-cache-hit":
        status(`${event.image}: manifest cached for this pinned source`);
        if (tty) stream.write("\n");
        break;
      case "blob-collected":
        if (tty) stream.write("\r\x1B[2K");
        stream.write(`${event.image}: blob ${event.digest} was removed by a concurrent nixery gc; building again
`);
        break;
      case "unpinned":
        status(`${event.image}: not cached: ${event.reason}`);
        if (tty) stream.write("\n");
        break;
    }
  };
}

// src/cli/storage-options.ts
var BUCKET_OPTIONS = {
  storage: { type: "string", short: "s" },
  out: { type: "string", short: "o" }
};
var DESTINATION_OPTIONS = {
  storage: { type: "string", short: "s" },
  out: { type: "string", short: "o", multiple: true },
  "insecure-registry": { type: "string", multiple: true }
};
function destinationFlags(values) {
  return [...values.storage !== void 0 ? [values.storage] : [], ...values.out ?? []];
}
function bucketFlag(values) {
  if (values.storage !== void 0 && values.out !== void 0 && values.storage !== values.out) {
    throw new UsageError(`--storage and --out name the same bucket; give one of them, not "${values.storage}" and "${values.out}"`);
  }
  return values.storage ?? values.out;
}
var S3_OPTIONS = {
  "s3-endpoint": { type: "string" },
  "s3-region": { type: "string" },
  "s3-path-style": { type: "string" }
};
var S3_USAGE = `  --s3-endpoint URL       s3:// only: the store's URL, e.g. MinIO or R2 (default AWS_ENDPOINT_URL_S3, AWS_ENDPOINT_URL)
  --s3-region REGION      s3:// only (default AWS_REGION, AWS_DEFAULT_REGION, else us-east-1)
  --s3-path-style BOOL    s3:// only: bucket in the URL path (default AWS_S3_FORCE_PATH_STYLE; on with --s3-endpoint)`;
function s3Settings(values) {
  const pathStyle = values["s3-path-style"];
  if (pathStyle !== void 0 && !/^(true|false)$/.test(pathStyle)) {
    throw new UsageError(`--s3-path-style "${pathStyle}": expected true or false`);
  }
  return {
    ...values["s3-endpoint"] !== void 0 ? { endpoint: values["s3-endpoint"] } : {},
    ...values["s3-region"] !== void 0 ? { region: values["s3-region"] } : {},
    ...pathStyle !== void 0 ? { forcePathStyle: pathStyle === "true" } : {}
  };
}

// src/cli/build-command.ts
var BUILD_USAGE = `Usage: nixery build (NAME... | --images-file FILE) (--storage BUCKET | --out docker://HOST/PREFIX)... [options]

Builds each NAME (Nix packages separated by "/", e.g. shell/git/htop) into a layered OCI image in BUCKET and
pushes it to every registry named, as PREFIX/NAME:TAG. With --images-file, every image the file declares
(its key is the image name) is built, several at once.

  --storage, -s BUCKET    the bucket images go to, which also keeps the build caches: a local folder (also an OCI
                          image layout), gs://BUCKET/PREFIX or s3://BUCKET/PREFIX
  --out, -o PLACE         a bucket (as --storage) or a registry, docker://HOST[:PORT]/PREFIX; repeat for several.
                          Credentials come from docker login / podman login (config.json, auth.json, credential
                          helpers). Without a bucket, the caches live in NIXERY_CACHE_DIR (~/.cache/nixery)
  --insecure-registry HOST  reach HOST over plain http (loopback registries always are)
  --tag, -t TAG           tag for every image (default: latest); repeat for several
  --platform LIST         platforms to build under the tag, e.g. linux/amd64,linux/arm64: with more than one the
                          tag names an OCI image index (default: linux/amd64, or linux/arm64 for arm64/NAME)
  --merge                 add this build's platforms to the tag's index instead of replacing it: one job of a
                          matrix that builds each platform on its own runner (bucket destinations only; then
                          "nixery copy" pushes the merged tag to registries)
  --nixpkgs COMMIT        package set: nixpkgs at a pinned 40-hex commit, or flake.lock[#INPUT]: the revision a
                          flake.lock pins for INPUT (default nixpkgs)
  --nixpkgs-sha256 HASH   expected hash of that commit's tarball (optional)
  --channel NAME          package set: a Nix channel (default: ${DEFAULT_CHANNEL})
  --pkgs-repo URL         package set: a git repository; the tag selects branch, tag or commit
  --pkgs-path PATH        package set: a local folder with a default.nix
  --flake REF             package set: a flake (., a path, git+file:\u2026, github:owner/repo/rev); names are looked up
                          in its packages.<system>, legacyPackages.<system>, then its nixpkgs input. Pinned (its
                          images cached) when its tree is clean; its flake.lock must match its inputs
  --images-file FILE      build the images FILE declares (YAML or JSON): packages, entrypoint, cmd, env, user,
                          workdir, ports, labels, stop-signal, platforms (see the README)
  --budget N              most store layers per image (default ${DEFAULT_LAYER_BUDGET})
  --compression KIND      gzip (default), zstd or none
  --timeout SECONDS       limit for Nix evaluation and build (default NIX_TIMEOUT or ${DEFAULT_TIMEOUT_SECONDS})
  --parallelism N         layers compressed at once (default: number of cores)
  --upload-parallelism N  blobs checked and uploaded at once (default 8)
  --label KEY=VALUE       a label in the image config (repeat for several; overrides the image's own)
  --annotation KEY=VALUE  an annotation on the manifest (repeat for several; overrides the image's own)
  SOURCE_DATE_EPOCH       (environment) the image's created time, in seconds since 1970; unset: 1970-01-01T00:00:01Z
${S3_USAGE}
  --json                  print the results as one JSON document
  --verbose               pass Nix's log through to stderr`;
async function buildCommand(args) {
  const { values, positionals } = parseCommandArgs({
    args,
    allowPositionals: true,
    strict: true,
    options: {
      ...DESTINATION_OPTIONS,
      tag: { type: "string", short: "t", multiple: true, default: ["latest"] },
      platform: { type: "string" },
      merge: { type: "boolean", default: false },
      ...SOURCE_OPTIONS,
      "images-file": { type: "string" },
      budget: { type: "string" },
      compression: { type: "string" },
      timeout: { type: "string" },
      parallelism: { type: "string" },
      "upload-parallelism": { type: "string" },
      label: { type: "string", multiple: true },
      annotation: { type: "string", multiple: true },
      ...S3_OPTIONS,
      json: { type: "boolean", default: false },
      verbose: { type: "boolean", default: false }
    }
  });
  const specs = values["images-file"] === void 0 ? [] : readImagesFile(values["images-file"]);
  if (positionals.length === 0 && specs.length === 0) {
    throw new UsageError("no image names given, e.g. nixery build shell/hello --storage ./store, or --images-file FILE");
  }
  const places = destinationFlags(values);
  if (places.length === 0) {
    throw new UsageError(`--storage or --out is required: a bucket (${STORAGE_LOCATION_HELP}) or a registry (docker://HOST/PREFIX)`);
  }
  const destinations = readDestinations(places, { insecure: values["insecure-registry"] ?? [], name: "--storage/--out" });
  for (const name of positionals) parseImageName(name);
  const tags = [...new Set(values.tag)];
  for (const tag of tags) assertValidTag(tag);
  const labels = parseKeyValues(values.label ?? [], "--label");
  const annotations = parseKeyValues(values.annotation ?? [], "--annotation");
  const sourceDateEpoch = parseSourceDateEpoch(process.env.SOURCE_DATE_EPOCH);
  const platforms2 = values.platform !== void 0 ? parsePlatforms(values.platform) : void 0;
  const opened = await openDestination(destinations, { s3: s3Settings(values) });
  const { storage, registries } = opened;
  const warn = (message) => void process.stderr.write(`${process.stderr.isTTY ? "\r\x1B[2K" : ""}nixery: warning: ${message}
`);
  const targets = opened.destination.targets.map((t) => t instanceof BucketTarget ? new BucketTarget(t.store.withWarnings(warn)) : t);
  const destination = { ...opened.destination, targets };
  const parallelism = parsePositiveInteger("--parallelism", values.parallelism);
  const uploadParallelism = parsePositiveInteger("--upload-parallelism", values["upload-parallelism"]);
  const settings = {
    source: chooseSource(values),
    budget: parseBudget(values.budget),
    compression: parseCompression(values.compression),
    timeoutMs: parseTimeout(values.timeout, process.env),
    ...parallelism ? { parallelism } : {},
    ...uploadParallelism ? { uploadParallelism } : {},
    labels,
    annotations,
    ...sourceDateEpoch !== void 0 ? { sourceDateEpoch } : {},
    ...platforms2 ? { platforms: platforms2 } : {},
    ...values.merge ? { mergePlatforms: true } : {}
  };
  const onEvent = progressReporter(process.stderr, values.verbose);
  const limit = pLimit(specs.length > 0 ? Math.max(1, availableParallelism2()) : 1);
  const requests = [...positionals, ...specs];
  const knownIndex = specs.length > 0 ? await destination.cache.store.indexedImages().catch(() => /* @__PURE__ */ new Map()) : void 0;
  const outcomes = await Promise.allSettled(
    requests.map(
      (request) => limit(() => buildImage(request, tags, settings, destination, { onEvent, ...knownIndex ? { knownIndex } : {} }))
    )
  );
  const results = [];
  outcomes.forEach((outcome, i) => {
    if (outcome.status === "rejected") return;
    const result = outcome.value;
    const request = requests[i];
    const pushed = registries.flatMap((r) => result.tags.map((tag) => r.reference(result.name, tag)));
    results.push({ ...result, requested: typeof request === "string" ? request : request.name, pushed });
  });
  const failed = outcomes.find((o) => o.status === "rejected");
  if (failed) {
    for (const result of results) process.stderr.write(`built ${result.ref} ${result.digest}
`);
    throw failed.reason;
  }
  if (values.json) process.stdout.write(JSON.stringify({ bucket: storage.location, images: results }, null, 2) + "\n");
  else for (const result of results) process.stdout.write(describeResult(result));
}
function describeResult(r) {
  const why = r.requested === r.name ? [] : whyCanonicalDiffers(r.requested);
  return [
    `${r.ref}`,
    ...why.length ? [`  asked   ${r.requested} (the same image: ${why.join("; ")})`] : [],
    ...r.tags.slice(1).map((tag) => `  tagged  ${r.name}:${tag}`),
    ...r.pushed.map((ref) => `  pushed  ${ref}`),
    `  digest  ${r.digest}${r.platforms ? " (image index)" : ""}`,
    ...(r.platforms ?? []).map((p) => `    ${p.platform.padEnd(12)} ${p.digest}${p.manifestCacheHit ? " (manifest cached)" : ""}`),
    ...r.sbomDigest ? [`  sbom    ${r.sbomDigest} (CycloneDX, a referrer of the image)`] : [],
    ...(r.platforms ?? []).flatMap((p) => p.sbomDigest ? [`  sbom    ${p.platform.padEnd(12)} ${p.sbomDigest}`] : []),
    `  size    ${formatBytes(r.size)}`,
    ...r.revision ? [`  source  revision ${r.revision}`] : [],
    `  layers  ${r.layers} (${r.cachedLayers} reused from cache${r.manifestCacheHit ? ", manifest cached" : ""})`,
    `  wrote   ${formatBytes(r.uploadedBytes)} (${formatBytes(r.skippedBytes)} already there) in ${formatSeconds(r.uploadSeconds)}${r.uploadedBytes > 0 && r.uploadSeconds > 0 ? `, ${formatBytes(Math.round(r.uploadedBytes / r.uploadSeconds))}/s` : ""}`,
    `  took    ${formatSeconds(r.seconds)}${r.packedBytes > 0 ? ` (archived ${formatBytes(r.packedBytes)} of store files into new layers)` : ""}`,
    ""
  ].join("\n");
}

// src/pipeline/copy-image.ts
async function copyImage(source, name, tag, target, tags) {
  const manifest = await source.resolveTag(name, tag);
  if (!manifest) throw new UsageError(`${name}:${tag} is not in ${source.storage.location}; "nixery build" it there first`);
  const bytes = await readManifest(source, manifest, `${name}:${tag}`);
  const isIndex = manifest.mediaType === MediaType.ociIndex;
  const platforms2 = isIndex ? await Promise.all(
    platformManifestsOf(bytes).map(async ({ manifest: m }) => ({
      manifest: m,
      bytes: await readManifest(source, m, `${name}:${tag} (${m.digest})`)
    }))
  ) : [];
  const images = isIndex ? platforms2 : [{ manifest, bytes }];
  const blobs = images.flatMap((image) => blobsOf(image.bytes, `${name}:${tag}`));
  if (await target.hasBlob(name, manifest)) {
    for (const image of images) await copyReferrers(source, name, image.manifest, target);
    await target.tag(name, tags, manifest, bytes);
    return { name, digest: manifest.digest, tags, uploadedBytes: 0, skippedBytes: sizeOf(blobs) + sizeOf(images.map((i) => i.manifest)) };
  }
  const meter = new UploadMeter();
  const metered = meteredTarget(target, meter);
  const limit = pLimit(DEFAULT_UPLOAD_PARALLELISM);
  const unique = [...new Map(blobs.map((blob2) => [blob2.digest, blob2])).values()];
  await Promise.all(
    unique.map(
      (blob2) => limit(async () => {
        if (await metered.hasBlob(name, blob2)) meter.skip(blob2.size);
        else await putStoredBlob(source, metered, name, blob2);
      })
    )
  );
  for (const platform of platforms2) await metered.putManifest(name, platform.manifest, platform.bytes);
  await metered.putManifest(name, manifest, bytes);
  for (const image of images) await copyReferrers(source, name, image.manifest, metered);
  await metered.tag(name, tags, manifest, bytes);
  return { name, digest: manifest.digest, tags, uploadedBytes: meter.uploadedBytes, skippedBytes: meter.skippedBytes };
}
async function copyReferrers(source, name, subject, target) {
  for (const referrer of await source.listReferrers(subject.digest)) {
    const bytes = await source.readBlob(referrer.digest);
    if (!bytes || sha256Digest(bytes) !== referrer.digest) continue;
    for (const blob2 of blobsOf(bytes, `the artifact ${referrer.digest}`)) {
      if (!await target.hasBlob(name, blob2)) await putStoredBlob(source, target, name, blob2);
    }
    await target.putReferrer(name, subject, referrer, bytes);
  }
}
async function readManifest(source, manifest, what) {
  const bytes = await source.readBlob(manifest.digest);
  if (!bytes || sha256Digest(bytes) !== manifest.digest) {
    throw new Error(`the manifest of ${what} (${manifest.digest}) is missing or damaged in ${source.storage.location}`);
  }
  return bytes;
}
function blobsOf(manifest, what) {
  const parsed = JSON.parse(manifest.toString("utf8"));
  const layers = Array.isArray(parsed.layers) ? parsed.layers : [];
  if (!isDescriptor(parsed.config) || !layers.every(isDescriptor)) throw new Error(`the manifest of ${what} is not an image manifest`);
  return [parsed.config, ...layers];
}

// src/cli/copy-command.ts
var COPY_USAGE = `Usage: nixery copy SOURCE NAME:TAG DESTINATION [--tag TAG]... [options]

Copies the image NAME:TAG from the bucket SOURCE to DESTINATION without building it: a registry
(docker://HOST[:PORT]/PREFIX, the image goes to PREFIX/NAME) or another bucket. Only the blobs DESTINATION lacks
are sent; then the manifest, then the tags. Promotes a pull request's image, e.g.
  nixery copy gs://bucket/images shell/git:pr-7 docker://ghcr.io/acme/images --tag latest

  --tag, -t TAG           tag at DESTINATION; repeat for several (default: the source's tag)
  --insecure-registry HOST  reach HOST over plain http (loopback registries always are)
${S3_USAGE}
  --json                  print the result as JSON`;
async function copyCommand(args) {
  const { values, positionals } = parseCommandArgs({
    args,
    allowPositionals: true,
    strict: true,
    options: {
      tag: { type: "string", short: "t", multiple: true },
      "insecure-registry": { type: "string", multiple: true },
      ...S3_OPTIONS,
      json: { type: "boolean", default: false }
    }
  });
  const [source, reference, destination, ...extra] = positionals;
  if (source === void 0 || reference === void 0 || destination === void 0 || extra.length > 0) {
    throw new UsageError("give SOURCE NAME:TAG DESTINATION, e.g. nixery copy ./store shell/git:v1 docker://ghcr.io/acme/images");
  }
  const { name, tag } = parseImageReference(reference, "v1");
  const tags = values.tag ?? [tag];
  tags.forEach(assertValidTag);
  const from = new ImageStore(await openStorage(source, { s3: s3Settings(values) }));
  const to = /^docker:\/\//i.test(destination) ? await openRegistryTarget(parsePushDestination(destination, { insecure: values["insecure-registry"] ?? [] })) : new BucketTarget(new ImageStore(await openStorage(destination, { s3: s3Settings(values) })));
  const result = await copyImage(from, name, tag, to, tags);
  if (values.json) {
    process.stdout.write(JSON.stringify({ ...result, source: from.storage.location, destination: to.location }, null, 2) + "\n");
    return;
  }
  process.stdout.write(
    `${name}:${tag} -> ${to.location} as ${tags.join(", ")}
  digest  ${result.digest}
  sent    ${formatBytes(result.uploadedBytes)} (${formatBytes(result.skippedBytes)} already there)
`
  );
}

// src/lifecycle/reachability.ts
var MAX_MANIFEST_BYTES = 4 * 1024 * 1024;
var PARALLEL2 = 16;
async function markLive(store, blobs, previous = /* @__PURE__ */ new Map(), excluded = /* @__PURE__ */ new Set()) {
  const read = previous;
  const limit = pLimit(PARALLEL2);
  const readBlob = (digest) => read.has(digest) ? Promise.resolve(read.get(digest)) : limit(async () => {
    const bytes = await store.readBlob(digest);
    const kept = bytes && bytes[0] === 123 ? bytes : null;
    read.set(digest, kept);
    return kept;
  });
  const { images: all, unreadable } = await store.readTags();
  const images = all.filter((image) => !excluded.has(`${image.name}:${image.tag}`));
  const live = /* @__PURE__ */ new Set();
  const walk = async (digests) => {
    let frontier = digests.filter((d) => !live.has(d));
    for (const d of frontier) live.add(d);
    while (frontier.length) {
      const next = [];
      await Promise.all(
        frontier.map(async (digest) => {
          const bytes = await readBlob(digest);
          for (const child of bytes && manifestReferences(bytes)?.children || []) {
            if (live.has(child.digest)) continue;
            live.add(child.digest);
            if (isManifestType(child.mediaType)) next.push(child.digest);
          }
        })
      );
      frontier = next;
    }
  };
  await walk([...images.map((image) => image.manifest.digest), ...await store.platformRecordManifests()]);
  const subjects = /* @__PURE__ */ new Map();
  const small = [...blobs].filter(([digest, size]) => !live.has(digest) && size < MAX_MANIFEST_BYTES).map(([digest]) => digest);
  await Promise.all(
    small.map(async (digest) => {
      const bytes = await readBlob(digest);
      const subject = bytes ? manifestReferences(bytes)?.subject : void 0;
      if (subject) subjects.set(digest, subject);
    })
  );
  for (let changed = true; changed; ) {
    changed = false;
    for (const [referrer, subject] of subjects) {
      if (live.has(referrer) || !live.has(subject)) continue;
      await walk([referrer]);
      changed = true;
    }
  }
  return { live, read, unreadableTags: unreadable, tags: images.length };
}

// src/lifecycle/retention.ts
var CI_TAG = /^(pr|sha)-/;
function expiredTags(tagObjects, rules, now) {
  const expired = /* @__PURE__ */ new Map();
  const tags = tagObjects.flatMap((object) => {
    const parsed = parseTagKey(object.key);
    return parsed ? [{ ...parsed, modified: object.modified }] : [];
  });
  if (rules.maxTagAgeMs !== void 0) {
    for (const t of tags) {
      if (CI_TAG.test(t.tag) && t.modified < now - rules.maxTagAgeMs) {
        expired.set(`${t.name}:${t.tag}`, { name: t.name, tag: t.tag, rule: "max-tag-age" });
      }
    }
  }
  if (rules.keepSha !== void 0) {
    const byName = /* @__PURE__ */ new Map();
    for (const t of tags.filter((t2) => t2.tag.startsWith("sha-"))) byName.set(t.name, [...byName.get(t.name) ?? [], t]);
    for (const list of byName.values()) {
      list.sort((a, b) => b.modified - a.modified || (a.tag < b.tag ? -1 : 1));
      for (const t of list.slice(rules.keepSha)) {
        const ref = `${t.name}:${t.tag}`;
        if (!expired.has(ref)) expired.set(ref, { name: t.name, tag: t.tag, rule: "keep-sha" });
      }
    }
  }
  return [...expired.values()];
}

// src/lifecycle/gc.ts
var DEFAULT_LEASE_MS = 10 * 60 * 1e3;
var MIN_GRACE_MS = 2e3;
async function collectGarbage(storage, options) {
  const started = performance.now();
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  const dryRun = options.dryRun ?? false;
  const store = new ImageStore(storage, options.onWarning ? { onWarning: options.onWarning } : {});
  const limit = pLimit(options.parallelism ?? 16);
  const id = newSweepId();
  let now = Date.now();
  if (!dryRun) {
    await writeSweepRecord(storage, { id, leaseMs, candidates: [] });
    now = (await storage.listObjects(sweepRecordKey(id)))[0]?.modified ?? now;
  }
  const cutoff = now - options.graceMs;
  try {
    const listing = await storage.listObjects("");
    const blobs = blobSizes(listing);
    const expired = options.retention ? expiredTags(
      listing.filter((o) => o.key.startsWith(TAGS_PREFIX)),
      options.retention,
      now
    ) : [];
    const untagged = expired.map((t) => `${t.name}:${t.tag}`);
    if (!dryRun) {
      const byName = /* @__PURE__ */ new Map();
      for (const t of expired) byName.set(t.name, [...byName.get(t.name) ?? [], t.tag]);
      for (const [name, tags] of byName) await store.untag(name, tags);
    }
    const first = await markLive(store, blobs, /* @__PURE__ */ new Map(), dryRun ? new Set(untagged) : /* @__PURE__ */ new Set());
    for (const message of first.unreadableTags) store.onWarning(message);
    const young = { objects: 0, bytes: 0 };
    const live = { objects: 0, bytes: 0 };
    let candidates = [];
    for (const object of listing) {
      const digest = parseBlobKey(object.key);
      if (!digest) continue;
      if (first.live.has(digest)) add(live, object);
      else if (object.modified >= cutoff) add(young, object);
      else candidates.push(object);
    }
    let spared = 0;
    const leaseStart = performance.now();
    if (!dryRun && candidates.length) {
      await writeSweepRecord(storage, { id, leaseMs, candidates: candidates.map((c) => parseBlobKey(c.key)) });
      const again = await storage.listObjects(BLOBS_PREFIX);
      const second = await markLive(store, blobSizes(again), first.read);
      const times = new Map(again.map((o) => [o.key, o.modified]));
      const still = candidates.filter((c) => {
        const modified = times.get(c.key);
        return modified !== void 0 && modified < cutoff && !second.live.has(parseBlobKey(c.key));
      });
      spared = candidates.length - still.length;
      candidates = still;
    }
    const blobsRemoved = { objects: 0, bytes: 0 };
    let stoppedEarly;
    const deadline = leaseStart + leaseMs / 2;
    await Promise.all(
      candidates.map(
        (object) => limit(async () => {
          if (stoppedEarly) return;
          if (performance.now() >= deadline) {
            stoppedEarly = `the lease of ${Math.round(leaseMs / 1e3)}s ran out; run gc again for the rest`;
            return;
          }
          if (!dryRun) await storage.delete(object.key);
          add(blobsRemoved, object);
        })
      )
    );
    const removedKeys = new Set(candidates.map((c) => c.key));
    const kept = (digest) => typeof digest === "string" && blobs.has(digest) && !removedKeys.has(blobKeySafe(digest));
    const cacheEntries = { objects: 0, bytes: 0 };
    const entries = listing.filter(
      (o) => (o.key.startsWith(LAYER_CACHE_PREFIX) || o.key.startsWith(MANIFEST_CACHE_PREFIX)) && o.modified < cutoff
    );
    await Promise.all(
      entries.map(
        (entry) => limit(async () => {
          if (kept(await cacheTarget(storage, entry.key))) return;
          if (!dryRun) await storage.delete(entry.key);
          add(cacheEntries, entry);
        })
      )
    );
    let staleRecords = 0;
    for (const record of await readSweepRecords(storage)) {
      if (record.key === sweepRecordKey(id) || record.modified >= now - record.leaseMs) continue;
      if (!dryRun) await storage.delete(record.key);
      staleRecords++;
    }
    return {
      location: storage.location,
      dryRun,
      tags: first.tags,
      live,
      young,
      blobs: blobsRemoved,
      cacheEntries,
      staleRecords,
      spared,
      untagged,
      ...stoppedEarly ? { stoppedEarly } : {},
      seconds: (performance.now() - started) / 1e3
    };
  } finally {
    if (!dryRun) await removeSweepRecord(storage, id);
  }
}
function blobSizes(listing) {
  const sizes = /* @__PURE__ */ new Map();
  for (const object of listing) {
    const digest = parseBlobKey(object.key);
    if (digest) sizes.set(digest, object.size);
  }
  return sizes;
}
function add(tally, object) {
  tally.objects++;
  tally.bytes += object.size;
}
function blobKeySafe(digest) {
  try {
    return blobKey(digest);
  } catch {
    return "";
  }
}
async function cacheTarget(storage, key) {
  const bytes = await storage.readBytes(key);
  try {
    const entry = JSON.parse(bytes?.toString("utf8") ?? "null");
    return entry?.descriptor?.digest ?? entry?.digest;
  } catch {
    return void 0;
  }
}

// src/cli/duration.ts
var UNITS = { ms: 1, s: 1e3, m: 6e4, h: 36e5, d: 864e5 };
function parseDuration(flag, value) {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)$/.exec(value.trim());
  if (!match) throw new UsageError(`${flag} "${value}": expected a number with a unit (ms, s, m, h, d), e.g. 24h`);
  return Number(match[1]) * UNITS[match[2]];
}

// src/cli/gc-command.ts
var GC_USAGE = `Usage: nixery gc --storage BUCKET [--grace 24h] [--dry-run] [--json] [options]

Removes what no tag reaches: blobs (layers, configs, manifests) that no tag, index or referrer names, and layer and
manifest cache entries whose blob is gone, once they have not been written or reused for the grace period. Safe
while builds run into the same bucket (docs/garbage-collection.md): a build that reuses a blob refreshes its mark,
and waits while a collector is deleting something it needs.

  --grace DURATION        keep unreachable objects younger than this (default 24h; at least 2s), e.g. 7d, 90m
  --dry-run               report what would be removed; change nothing
  --keep-sha N            retention: per image keep the N most recently written sha- tags, untag the rest
  --max-tag-age DURATION  retention: untag pr- and sha- tags not written for this long (other tags never expire)
  --lease DURATION        how long builds may wait on this collector (default 10m; deletes stop at half of it)
  --storage, -s BUCKET    the bucket: ${STORAGE_LOCATION_HELP} (--out, -o is the same flag)
${S3_USAGE}
  --json                  print the report as JSON`;
async function gcCommand(args) {
  const { values, positionals } = parseCommandArgs({
    args,
    allowPositionals: true,
    strict: true,
    options: {
      ...BUCKET_OPTIONS,
      grace: { type: "string", default: "24h" },
      lease: { type: "string" },
      "dry-run": { type: "boolean", default: false },
      "keep-sha": { type: "string" },
      "max-tag-age": { type: "string" },
      ...S3_OPTIONS,
      json: { type: "boolean", default: false }
    }
  });
  if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  const bucket = bucketFlag(values);
  if (bucket === void 0) throw new UsageError(`--storage is required: ${STORAGE_LOCATION_HELP}`);
  const graceMs = parseDuration("--grace", values.grace);
  if (graceMs < MIN_GRACE_MS)
    throw new UsageError(`--grace ${values.grace}: at least ${MIN_GRACE_MS / 1e3}s, so builds finishing now are safe`);
  const leaseMs = values.lease === void 0 ? DEFAULT_LEASE_MS : parseDuration("--lease", values.lease);
  if (leaseMs < 1e3 || leaseMs > MAX_LEASE_MS) throw new UsageError(`--lease ${values.lease}: between 1s and ${MAX_LEASE_MS / 6e4}m`);
  const retention = {};
  if (values["keep-sha"] !== void 0) {
    if (!/^\d+$/.test(values["keep-sha"])) throw new UsageError(`--keep-sha "${values["keep-sha"]}": expected a whole number, e.g. 10`);
    retention.keepSha = Number(values["keep-sha"]);
  }
  if (values["max-tag-age"] !== void 0) retention.maxTagAgeMs = parseDuration("--max-tag-age", values["max-tag-age"]);
  const storage = await openStorage(bucket, { s3: s3Settings(values) });
  const report = await collectGarbage(storage, { graceMs, leaseMs, dryRun: values["dry-run"], retention });
  process.stdout.write(values.json ? JSON.stringify(report, null, 2) + "\n" : describeGc(report));
}
function describeGc(report) {
  const tally = (t) => `${t.objects} object${t.objects === 1 ? "" : "s"}, ${formatBytes(t.bytes)}`;
  const verb = report.dryRun ? "would remove" : "removed";
  return [
    `${report.dryRun ? "dry run: " : ""}gc of ${report.location} (${report.tags} tags) in ${report.seconds.toFixed(1)}s`,
    `  live          ${tally(report.live)}`,
    `  ${verb.padEnd(13)} ${tally(report.blobs)} of unreachable blobs`,
    `  ${" ".repeat(13)} ${tally(report.cacheEntries)} of cache entries`,
    `  kept (young)  ${tally(report.young)} unreachable but within the grace period`,
    ...report.untagged.map((ref) => `  ${report.dryRun ? "would untag" : "untagged"}      ${ref} (retention rule)`),
    ...report.spared ? [`  spared        ${report.spared} reused by a build during the sweep`] : [],
    ...report.staleRecords ? [`  ${verb} ${report.staleRecords} sweep record(s) of collectors that died`] : [],
    ...report.stoppedEarly ? [`  stopped early: ${report.stoppedEarly}`] : [],
    ""
  ].join("\n");
}

// src/cli/index-command.ts
import { stat as stat4 } from "node:fs/promises";
var INDEX_USAGE = `Usage: nixery index --repair --storage BUCKET [options]

Rewrites BUCKET's index.json (the OCI index that skopeo and other layout readers use) from its tag objects, and
prints what changed. Builds refresh it themselves; this repairs a bucket whose last build was killed between
writing a tag and refreshing the index. Tag objects that hold no tag record are left out, with a warning.

  --repair                rewrite index.json where it differs from the tag objects (required)
  --storage, -s BUCKET    the bucket: ${STORAGE_LOCATION_HELP} (--out, -o is the same flag)
${S3_USAGE}`;
async function indexCommand(args) {
  const { values, positionals } = parseCommandArgs({
    args,
    allowPositionals: true,
    strict: true,
    options: { ...BUCKET_OPTIONS, repair: { type: "boolean", default: false }, ...S3_OPTIONS }
  });
  if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  if (!values.repair) throw new UsageError('--repair is required: it is what "nixery index" does');
  const bucket = bucketFlag(values);
  if (bucket === void 0) throw new UsageError(`--storage is required: ${STORAGE_LOCATION_HELP}`);
  const storage = await openStorage(bucket, { s3: s3Settings(values) });
  if (storage.local && !(await stat4(storage.local.folder).catch(() => null))?.isDirectory()) {
    throw new UsageError(`--storage ${bucket}: no such folder`);
  }
  const store = new ImageStore(storage);
  process.stdout.write(describeRepair(storage.location, await store.repairIndex()));
}
function describeRepair(location, result) {
  const lines = [];
  for (const [ref, digest] of result.after) {
    const before = result.before.get(ref);
    if (before === void 0) lines.push(`  added    ${ref} ${digest}`);
    else if (before !== digest) lines.push(`  changed  ${ref} ${before} -> ${digest}`);
  }
  for (const [ref, digest] of result.before) {
    if (!result.after.has(ref)) lines.push(`  removed  ${ref} ${digest}`);
  }
  const tags = `${result.after.size} tag${result.after.size === 1 ? "" : "s"}`;
  const skipped = result.unreadable.length ? `, ${result.unreadable.length} unreadable tag object(s) left out` : "";
  if (!result.rewritten) return `index.json in ${location} already lists its ${tags}${skipped}; nothing changed
`;
  const what = lines.length ? "" : " (same entries, rewritten: it was missing, damaged or formatted differently)";
  return [`index.json in ${location} rewritten from ${tags}${skipped}${what}`, ...lines, ""].join("\n");
}

// src/cli/layers-command.ts
import { readFile as readFile3 } from "node:fs/promises";
import { text } from "node:stream/consumers";

// src/layers/read-graph.ts
function readClosureGraph(text2) {
  let value;
  try {
    value = JSON.parse(text2);
  } catch (error) {
    throw new Error(`closure graph is not valid JSON: ${error.message}`);
  }
  return validateClosureGraph(value);
}
function validateClosureGraph(value) {
  if (!isPlainObject(value)) throw new Error(`closure graph must be a JSON object with "roots" and "paths", got ${describe(value)}`);
  if (!isPlainObject(value.paths))
    throw new Error(`closure graph "paths" must be an object keyed by store path, got ${describe(value.paths)}`);
  if (!Array.isArray(value.roots)) throw new Error(`closure graph "roots" must be an array of store paths, got ${describe(value.roots)}`);
  return checkClosureGraph(Object.entries(value.paths), value.roots, graphProblem);
}
function graphProblem(problem) {
  const where = "path" in problem ? `paths[${JSON.stringify(problem.path)}]` : "";
  switch (problem.kind) {
    case "path-not-absolute":
      throw new Error(`paths key ${JSON.stringify(problem.path)} is not an absolute store path`);
    case "info-not-object":
      throw new Error(`${where} must be an object with "narSize" and "references", got ${describe(problem.value)}`);
    case "bad-nar-size":
      throw new Error(`${where}.narSize must be a non-negative integer, got ${describe(problem.value)}`);
    case "references-not-array":
      throw new Error(`${where}.references must be an array of store paths, got ${describe(problem.value)}`);
    case "reference-not-string":
      throw new Error(`${where}.references[${problem.index}] must be a string, got ${describe(problem.value)}`);
    case "reference-missing":
      throw new Error(
        `${where}.references[${problem.index}] ${JSON.stringify(problem.reference)} is not in paths; the graph must hold the whole closure`
      );
    case "root-not-string":
      throw new Error(`roots[${problem.index}] must be a string, got ${describe(problem.value)}`);
    case "root-missing":
      throw new Error(`roots[${problem.index}] ${JSON.stringify(problem.root)} is not in paths`);
  }
}
function describe(value) {
  if (value === void 0) return "nothing";
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "object") return "an object";
  const text2 = JSON.stringify(value);
  return `${typeof value} ${text2.length > 60 ? text2.slice(0, 57) + "..." : text2}`;
}

// src/layers/read-known.ts
function readKnownLayers(text2) {
  let value;
  try {
    value = JSON.parse(text2);
  } catch (error) {
    throw new Error(`known layers are not valid JSON: ${error.message}`);
  }
  const layers = value?.layers;
  if (typeof value !== "object" || value === null || Array.isArray(value) || !Array.isArray(layers)) {
    throw new Error('known layers must be a JSON object {"layers": [[path, ...], ...]}');
  }
  return layers.map((layer, i) => {
    if (!Array.isArray(layer)) throw new Error(`known layers[${i}] must be an array of store paths`);
    if (layer.length === 0) throw new Error(`known layers[${i}] is empty; a published layer holds at least one store path`);
    layer.forEach((path5, j) => {
      if (typeof path5 !== "string" || !path5.startsWith("/")) {
        throw new Error(`known layers[${i}][${j}] must be an absolute store path, got ${JSON.stringify(path5) ?? "nothing"}`);
      }
    });
    return layer;
  });
}

// src/cli/layers-command.ts
var LAYERS_USAGE = `Usage: nixery layers [--budget N] [--known FILE] < graph.json

Reads {"roots": [...], "paths": {"/nix/store/...": {"narSize": n, "references": [...]}}} on stdin and
prints {"layers": [[path, ...], ...]}, first layer first.

  --budget N     most layers to plan (default ${DEFAULT_LAYER_BUDGET})
  --known FILE   layer sets already published, {"layers": [[path, ...], ...]} in any order: a set whose
                 paths are all in the closure is reused as it is when that saves bytes (docs/benchmarks.md)`;
async function layersCommand(args) {
  const { values } = parseCommandArgs({ args, options: { budget: { type: "string" }, known: { type: "string" } }, strict: true });
  const budget = parseBudget(values.budget);
  const known = values.known === void 0 ? [] : await readKnownFile(values.known);
  const graph = readClosureGraph(await text(process.stdin));
  process.stdout.write(JSON.stringify({ layers: planLayers(graph, budget, known) }) + "\n");
}
async function readKnownFile(file) {
  let content;
  try {
    content = await readFile3(file, "utf8");
  } catch (error) {
    const code = error.code;
    throw new UsageError(`--known ${file}: ${code === "ENOENT" ? "no such file" : error.message}`);
  }
  try {
    return readKnownLayers(content);
  } catch (error) {
    throw new UsageError(`--known ${file}: ${error.message}`);
  }
}

// src/cli/serve-command.ts
import { mkdir as mkdir2, readFile as readFile4, stat as stat5 } from "node:fs/promises";

// src/registry/auth.ts
import { createHash as createHash4, createHmac, randomBytes as randomBytes4, randomInt, timingSafeEqual } from "node:crypto";

// src/registry/bcrypt-pool.ts
import { availableParallelism as availableParallelism3 } from "node:os";
import { Worker as Worker2 } from "node:worker_threads";
var DEFAULT_MAX_QUEUED_VERIFICATIONS = 16;
var VerifyQueueFull = class extends Error {
  name = "VerifyQueueFull";
};
var BcryptPool = class {
  slots;
  maxQueued;
  queue = [];
  workerScript;
  closed = false;
  constructor(options = {}) {
    const threads = options.threads ?? Math.max(1, Math.min(4, availableParallelism3() - 1));
    this.slots = Array.from({ length: Math.max(1, threads) }, () => ({ worker: null, job: null }));
    this.maxQueued = options.maxQueued ?? DEFAULT_MAX_QUEUED_VERIFICATIONS;
    this.workerScript = findWorkerScript("bcrypt-worker", import.meta.url);
  }
  /** Checks waiting plus checks running. */
  get pending() {
    return this.queue.length + this.slots.filter((slot) => slot.job).length;
  }
  /** Whether `password` matches the bcrypt `hash`; rejects with VerifyQueueFull when too many checks wait. */
  verify(password, hash) {
    if (this.closed) return Promise.reject(new Error("the password checker is shut down"));
    const idle = this.slots.some((slot) => !slot.job);
    if (!idle && this.queue.length >= this.maxQueued) return Promise.reject(new VerifyQueueFull("too many password checks waiting"));
    return new Promise((resolve, reject) => {
      this.queue.push({ password, hash, resolve, reject });
      this.pump();
    });
  }
  /** Stops the threads; waiting checks fail. */
  async close() {
    this.closed = true;
    for (const job of this.queue.splice(0)) job.reject(new Error("the password checker is shut down"));
    await Promise.all(this.slots.map((slot) => slot.worker?.terminate()));
  }
  pump() {
    for (const slot of this.slots) {
      if (this.queue.length === 0) return;
      if (slot.job) continue;
      const job = this.queue.shift();
      slot.job = job;
      if (this.workerScript === null) {
        bcryptjs_default.compare(job.password, job.hash).then(
          (ok) => this.finish(slot, ok),
          () => this.finish(slot, false)
        );
        continue;
      }
      this.workerFor(slot, this.workerScript).postMessage({ password: job.password, hash: job.hash });
    }
  }
  workerFor(slot, script) {
    if (slot.worker) return slot.worker;
    const worker = new Worker2(script);
    worker.unref();
    worker.on("message", (ok) => this.finish(slot, ok === true));
    const lost = (error) => {
      if (slot.worker !== worker) return;
      slot.worker = null;
      const job = slot.job;
      slot.job = null;
      job?.reject(error);
      if (!this.closed) this.pump();
    };
    worker.on("error", lost);
    worker.on("exit", (code) => lost(new Error(`password check thread exited with code ${code}`)));
    slot.worker = worker;
    return worker;
  }
  finish(slot, ok) {
    const job = slot.job;
    slot.job = null;
    job?.resolve(ok);
    if (!this.closed) this.pump();
  }
};

// src/registry/errors.ts
var RegistryError = class extends Error {
  name = "RegistryError";
  status;
  code;
  detail;
  /** Extra response headers, e.g. WWW-Authenticate, Allow, Retry-After, Content-Range. */
  headers;
  constructor(status, code, message, options = {}) {
    super(message);
    this.status = status;
    this.code = code;
    this.detail = options.detail;
    this.headers = options.headers ?? {};
  }
  body() {
    const error = { code: this.code, message: this.message };
    if (this.detail !== void 0) error.detail = this.detail;
    return JSON.stringify({ errors: [error] });
  }
};
function nameInvalid(message) {
  return new RegistryError(400, "NAME_INVALID", message);
}
function nameUnknown(name) {
  return new RegistryError(404, "NAME_UNKNOWN", `repository "${name}" is not in this registry`, { detail: { name } });
}
function manifestUnknown(name, reference, why = "is not in this registry") {
  return new RegistryError(404, "MANIFEST_UNKNOWN", `manifest ${name}:${reference} ${why}`, { detail: { name, reference } });
}
function blobUnknown(digest) {
  return new RegistryError(404, "BLOB_UNKNOWN", `blob ${digest} is not in this registry`, { detail: { digest } });
}
function digestInvalid(value) {
  return new RegistryError(400, "DIGEST_INVALID", `"${truncate(value)}" is not a valid digest: expected sha256:<64 lowercase hex>`);
}
function writeUnsupported(method) {
  return new RegistryError(
    405,
    "UNSUPPORTED",
    `${truncate(method)} is not supported: this registry is read-only (push with "nixery build" into the bucket instead)`,
    {
      headers: { Allow: "GET, HEAD" }
    }
  );
}
function tooManyRequests(retryAfterSeconds) {
  return new RegistryError(429, "TOOMANYREQUESTS", "too many requests at once; retry shortly", {
    headers: { "Retry-After": String(retryAfterSeconds) }
  });
}
function truncate(value, max = 80) {
  return value.length > max ? `${value.slice(0, max)}\u2026` : value;
}

// src/registry/failure-limiter.ts
var FailureLimiter = class {
  entries = /* @__PURE__ */ new Map();
  limit;
  windowMs;
  maxKeys;
  constructor(limit, windowMs, maxKeys = 1e4) {
    this.limit = limit;
    this.windowMs = windowMs;
    this.maxKeys = maxKeys;
  }
  /** Seconds to wait before `key` may try again, or 0 when it may try now. */
  retryAfter(key, now = Date.now()) {
    const entry = this.entries.get(key);
    if (!entry) return 0;
    if (entry.failures > 0 && now - entry.windowStart >= this.windowMs) entry.failures = 0;
    if (entry.failures + entry.running < this.limit) return 0;
    return entry.failures > 0 ? Math.max(1, Math.ceil((entry.windowStart + this.windowMs - now) / 1e3)) : 1;
  }
  /** An attempt for `key` starts; call end() with its outcome. */
  begin(key) {
    let entry = this.entries.get(key);
    if (!entry) {
      this.evict();
      entry = { windowStart: 0, failures: 0, running: 0 };
      this.entries.set(key, entry);
    }
    entry.running++;
  }
  end(key, failed, now = Date.now()) {
    const entry = this.entries.get(key);
    if (!entry) return;
    entry.running = Math.max(0, entry.running - 1);
    if (failed) {
      if (entry.failures === 0 || now - entry.windowStart >= this.windowMs) {
        entry.windowStart = now;
        entry.failures = 0;
      }
      entry.failures++;
    }
    if (entry.failures === 0 && entry.running === 0) this.entries.delete(key);
  }
  /** Bounded memory: drops expired entries, then the oldest idle ones. */
  evict(now = Date.now()) {
    if (this.entries.size < this.maxKeys) return;
    for (const [key, entry] of this.entries) {
      if (entry.running === 0 && now - entry.windowStart >= this.windowMs) this.entries.delete(key);
    }
    for (const [key, entry] of this.entries) {
      if (this.entries.size < this.maxKeys) return;
      if (entry.running === 0) this.entries.delete(key);
    }
  }
};

// src/registry/auth.ts
var SERVICE = "nixery";
var DEFAULT_ISSUED_TTL_SECONDS = 300;
var ISSUED_PREFIX = "nxt1";
var BCRYPT_HASH = /^\$2[aby]?\$\d\d\$[./A-Za-z0-9]{53}$/;
var MAX_REMEMBERED_CREDENTIALS = 1e3;
var DEFAULT_VERIFIED_CACHE_MS = 6e4;
var DEFAULT_FAILURES_PER_ADDRESS = 10;
var DEFAULT_FAILURES_PER_USER = 20;
var DEFAULT_FAILURE_WINDOW_MS = 6e4;
var BCRYPT_ALPHABET = "./ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
var Authenticator = class {
  tokenDigests;
  users;
  publicUrl;
  issuedTtlSeconds;
  // Per process: issued tokens end with the process, and clients fetch new ones after a 401.
  signingKey = randomBytes4(32);
  // Keys the remembered-credentials map: an HMAC of user and password under a per-process random key, so
  // neither the password nor a plain hash of it is ever held.
  rememberKey = randomBytes4(32);
  rememberedCredentials = /* @__PURE__ */ new Map();
  verifiedCacheMs;
  /** Checks running for the same user+password share one bcrypt run (a pull's parallel first requests). */
  checking = /* @__PURE__ */ new Map();
  pool;
  failuresByAddress;
  failuresByUser;
  /** Checked for unknown users: same cost as the real hashes, matches nothing. */
  dummyHash;
  listening = null;
  constructor(config) {
    this.tokenDigests = (config.tokens ?? []).map((token) => {
      if (token.length < 16) throw new Error("each static token must be at least 16 characters long");
      return sha256(token);
    });
    this.users = config.users ?? /* @__PURE__ */ new Map();
    this.publicUrl = config.publicUrl?.replace(/\/+$/, "");
    this.issuedTtlSeconds = config.issuedTokenTtlSeconds ?? DEFAULT_ISSUED_TTL_SECONDS;
    this.verifiedCacheMs = config.verifiedCacheMs ?? DEFAULT_VERIFIED_CACHE_MS;
    this.pool = new BcryptPool({
      ...config.verifyThreads !== void 0 ? { threads: config.verifyThreads } : {},
      ...config.maxQueuedVerifications !== void 0 ? { maxQueued: config.maxQueuedVerifications } : {}
    });
    const windowMs = config.failureWindowMs ?? DEFAULT_FAILURE_WINDOW_MS;
    this.failuresByAddress = new FailureLimiter(config.failuresPerAddress ?? DEFAULT_FAILURES_PER_ADDRESS, windowMs);
    this.failuresByUser = new FailureLimiter(config.failuresPerUser ?? DEFAULT_FAILURES_PER_USER, windowMs);
    this.dummyHash = dummyHash(commonCost(this.users));
  }
  /** The server's listening address, the token realm's default when no public URL is configured. */
  useListeningAddress(address) {
    this.listening = { url: address.url, wildcard: address.host === "0.0.0.0" || address.host === "::" };
  }
  /** Stops the password-check threads. */
  close() {
    return this.pool.close();
  }
  get enabled() {
    return this.tokenDigests.length > 0 || this.users.size > 0;
  }
  /** Which kinds of credentials are configured, for the page that tells a visitor how to log in. */
  get credentialKinds() {
    return { users: this.users.size > 0, tokens: this.tokenDigests.length > 0 };
  }
  /**
   * The identity behind a request, or a 401 UNAUTHORIZED carrying the challenge. Browsers only answer Basic
   * challenges, so the web page asks for Basic (a static token works as the password there).
   */
  async authenticate(request, challenge) {
    if (!this.enabled) return { user: "anonymous" };
    const header = request.headers.authorization ?? "";
    const { scheme, credentials } = parseAuthorization(header);
    let identity = null;
    if (scheme === "bearer") identity = this.checkBearer(credentials);
    else if (scheme === "basic") identity = await this.checkBasic(credentials, request);
    if (identity) return identity;
    throw this.unauthorized(request, header === "" ? "authentication required" : "invalid credentials", challenge);
  }
  /** The /v2/token endpoint: Basic credentials in, a bearer token out (the docker token protocol, minus scopes). */
  async issueToken(request) {
    const header = request.headers.authorization ?? "";
    const { scheme, credentials } = parseAuthorization(header);
    const now = Math.floor(Date.now() / 1e3);
    let token = null;
    let expiresIn = this.issuedTtlSeconds;
    if (scheme === "basic") {
      const pair = decodeBasic(credentials);
      if (pair && this.isStaticToken(pair.password)) {
        token = pair.password;
        expiresIn = 365 * 24 * 3600;
      } else if (pair && await this.checkUser(pair.user, pair.password, request)) {
        token = this.sign(pair.user, now + this.issuedTtlSeconds);
      }
    } else if (scheme === "bearer" && this.checkBearer(credentials)) {
      token = credentials;
    }
    if (!token) throw this.unauthorized(request, header === "" ? "authentication required" : "invalid credentials", "Basic");
    return { token, access_token: token, expires_in: expiresIn, issued_at: new Date(now * 1e3).toISOString() };
  }
  unauthorized(request, message, forceScheme) {
    return new RegistryError(401, "UNAUTHORIZED", message, { headers: { "WWW-Authenticate": this.challenge(request, forceScheme) } });
  }
  challenge(request, forceScheme) {
    if (forceScheme === "Basic" || this.tokenDigests.length === 0) return `Basic realm="${SERVICE}"`;
    return `Bearer realm="${this.baseUrl(request)}/v2/token",service="${SERVICE}"`;
  }
  baseUrl(request) {
    if (this.publicUrl) return this.publicUrl;
    if (this.listening && !this.listening.wildcard) return this.listening.url;
    return `http://${localAddress(request)}`;
  }
  checkBearer(token) {
    if (token === "" || token.length > 4096) return null;
    if (this.isStaticToken(token)) return { user: "token" };
    const user = this.verifySigned(token);
    return user === null ? null : { user };
  }
  async checkBasic(credentials, request) {
    const pair = decodeBasic(credentials);
    if (!pair) return null;
    if (this.isStaticToken(pair.password)) return { user: "token" };
    return await this.checkUser(pair.user, pair.password, request) ? { user: pair.user } : null;
  }
  isStaticToken(candidate) {
    const digest = sha256(candidate);
    let found = false;
    for (const known of this.tokenDigests) found = timingSafeEqual(known, digest) || found;
    return found;
  }
  /**
   * Whether user:password is an htpasswd login. Remembered logins answer at once (even while the user or address
   * is being limited); otherwise a 429 when this address or user failed too often, or too many checks wait.
   */
  async checkUser(user, password, request) {
    const memo = createHmac("sha256", this.rememberKey).update(`${user.length}:${user}:${password}`).digest("base64url");
    const remembered = this.rememberedCredentials.get(memo);
    if (remembered && remembered.user === user && remembered.expires > Date.now()) return true;
    if (remembered) this.rememberedCredentials.delete(memo);
    const address = `${request.socket.remoteAddress ?? "unknown"}`;
    const wait = Math.max(this.failuresByAddress.retryAfter(address), this.failuresByUser.retryAfter(user));
    if (wait > 0) throw tooManyFailures(wait);
    this.failuresByAddress.begin(address);
    this.failuresByUser.begin(user);
    let ok = false;
    let counted = true;
    try {
      let check = this.checking.get(memo);
      if (!check) {
        const hash = this.users.get(user) ?? this.dummyHash;
        check = this.pool.verify(password, hash).then((matched) => matched && this.users.has(user));
        this.checking.set(memo, check);
        const forget = () => void this.checking.delete(memo);
        check.then(forget, forget);
      }
      ok = await check;
    } catch (error) {
      counted = false;
      if (error instanceof VerifyQueueFull) throw tooManyFailures(1, "too many sign-ins at once; retry shortly");
      throw error;
    } finally {
      this.failuresByAddress.end(address, counted && !ok);
      this.failuresByUser.end(user, counted && !ok);
    }
    if (!ok) return false;
    if (this.rememberedCredentials.size >= MAX_REMEMBERED_CREDENTIALS) {
      this.rememberedCredentials.delete(this.rememberedCredentials.keys().next().value);
    }
    this.rememberedCredentials.set(memo, { user, expires: Date.now() + this.verifiedCacheMs });
    return true;
  }
  sign(user, expires) {
    const payload = `${ISSUED_PREFIX}.${Buffer.from(user).toString("base64url")}.${expires}`;
    return `${payload}.${createHmac("sha256", this.signingKey).update(payload).digest("base64url")}`;
  }
  verifySigned(token) {
    const parts = token.split(".");
    if (parts.length !== 4 || parts[0] !== ISSUED_PREFIX) return null;
    const [, userPart = "", expiresPart = "", mac = ""] = parts;
    if (!/^\d{1,12}$/.test(expiresPart) || Number(expiresPart) < Date.now() / 1e3) return null;
    const expected = Buffer.from(this.sign(Buffer.from(userPart, "base64url").toString(), Number(expiresPart)).split(".")[3]);
    const given = Buffer.from(mac);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
    const user = Buffer.from(userPart, "base64url").toString();
    return this.users.has(user) ? user : null;
  }
};
function parseHtpasswd(text2, source) {
  const users = /* @__PURE__ */ new Map();
  text2.split(/\r?\n/).forEach((line, i) => {
    if (line.trim() === "" || line.trimStart().startsWith("#")) return;
    const colon = line.indexOf(":");
    const user = line.slice(0, colon);
    const hash = line.slice(colon + 1).trim();
    if (colon <= 0) throw new Error(`${source} line ${i + 1}: expected "user:hash"`);
    if (!BCRYPT_HASH.test(hash)) {
      throw new Error(`${source} line ${i + 1}: the hash for "${user}" is not bcrypt; create entries with "htpasswd -B"`);
    }
    users.set(user, hash);
  });
  return users;
}
function parseTokenList(text2) {
  return text2.split(/\r?\n/).map((line) => line.trim()).filter((line) => line !== "" && !line.startsWith("#"));
}
function parseAuthorization(header) {
  const match = /^([A-Za-z][A-Za-z0-9!#$%&'*+.^_`|~-]*)(?: +([^ ]+))?$/.exec(header.trim());
  if (!match) return { scheme: "", credentials: "" };
  const scheme = match[1].toLowerCase();
  return { scheme: scheme === "basic" || scheme === "bearer" ? scheme : "other", credentials: match[2] ?? "" };
}
function tooManyFailures(retryAfterSeconds, message = "too many failed sign-ins; retry later") {
  return new RegistryError(429, "TOOMANYREQUESTS", message, { headers: { "Retry-After": String(retryAfterSeconds) } });
}
function commonCost(users) {
  const counts = /* @__PURE__ */ new Map();
  for (const hash of users.values()) {
    const cost = Number(hash.slice(4, 6));
    counts.set(cost, (counts.get(cost) ?? 0) + 1);
  }
  let best = 10;
  let bestCount = 0;
  for (const [cost, count] of counts) {
    if (count > bestCount) [best, bestCount] = [cost, count];
  }
  return best;
}
function dummyHash(cost) {
  const chars = (n) => Array.from({ length: n }, () => BCRYPT_ALPHABET[randomInt(BCRYPT_ALPHABET.length)]).join("");
  return `$2b$${String(cost).padStart(2, "0")}$${chars(21)}.${chars(31)}`;
}
function localAddress(request) {
  const { localAddress: address, localPort: port } = request.socket;
  if (!address) return "localhost";
  const v4 = address.replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/, "$1");
  return v4.includes(":") ? `[${v4}]:${port}` : `${v4}:${port}`;
}
function decodeBasic(credentials) {
  if (credentials === "" || credentials.length > 4096 || !/^[A-Za-z0-9+/=]+$/.test(credentials)) return null;
  const decoded = Buffer.from(credentials, "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon < 0) return null;
  return { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}
function sha256(value) {
  return createHash4("sha256").update(value).digest();
}

// src/registry/log.ts
function stdoutSink(line) {
  process.stdout.write(line + "\n");
}
var RegistryLog = class {
  sink;
  constructor(sink = stdoutSink) {
    this.sink = sink;
  }
  request(entry) {
    this.write({ time: (/* @__PURE__ */ new Date()).toISOString(), ...entry });
  }
  /** Server lifecycle and problems that are not tied to one response. */
  event(msg, fields = {}) {
    this.write({ time: (/* @__PURE__ */ new Date()).toISOString(), msg, ...fields });
  }
  write(record) {
    this.sink(JSON.stringify(record));
  }
};

// src/registry/build-errors.ts
var MAX_REASON_LENGTH = 300;
var NIX_OWN_LINE = /^(?:\s|building '|these \d+ derivations|this derivation|copying path|warning:)/;
var BUILD_ERRORS = {
  "unknown-packages": (e, { image, tag }) => {
    const names = e.packages.map((p) => e.reasons[p] ? `${p} (${publicText(e.reasons[p])})` : p);
    return new RegistryError(
      404,
      "MANIFEST_UNKNOWN",
      `manifest ${image}:${tag} cannot be built: unknown package${e.packages.length === 1 ? "" : "s"} ${names.join(", ")} in this registry's package set`,
      { detail: { name: image, reference: tag, packages: e.packages } }
    );
  },
  "missing-git-ref": (_error, { image, tag }) => new RegistryError(
    404,
    "MANIFEST_UNKNOWN",
    `manifest ${image}:${tag} cannot be built: tag "${tag}" names no branch, tag or commit of the package repository ("latest" is its default branch)`,
    { detail: { name: image, reference: tag } }
  ),
  "nix-timeout": (error, { image, tag }) => new RegistryError(
    500,
    "UNKNOWN",
    `building ${image}:${tag} took longer than the registry's build timeout (${error.timeoutMs / 1e3}s) and was stopped`
  ),
  "nix-build": (error, { image, tag }) => new RegistryError(500, "UNKNOWN", truncateReason(`building ${image}:${tag} failed: ${nixFailureReason(error)}`)),
  // The bucket is the registry's own: not the client's mistake, and not for the client to see.
  "bucket-access": (_error, { image, tag }) => serverSide(image, tag),
  // On-demand builds never push to a registry; should one ever fail that way, the host is not the client's business.
  "registry-access": (_error, { image, tag }) => serverSide(image, tag),
  // A request that reaches a build has a valid name; anything left is the server's configuration.
  usage: (_error, { image, tag }) => serverSide(image, tag)
};
function registryErrorFor(error, image, tag, retryAfterSeconds) {
  if (error instanceof NixeryError) return lookUpError(BUILD_ERRORS, error, { image, tag });
  if (error instanceof Error && error.name === "AbortError") return shuttingDown(retryAfterSeconds);
  return serverSide(image, tag);
}
function shuttingDown(retryAfterSeconds) {
  return new RegistryError(503, "UNKNOWN", "the registry is restarting and stopped this build; retry shortly", {
    headers: { "Retry-After": String(retryAfterSeconds) }
  });
}
function serverSide(image, tag) {
  return new RegistryError(500, "UNKNOWN", `building ${image}:${tag} failed on the server; its log has the details`);
}
function nixFailureReason(error) {
  const lines = error.logTail;
  const first = lines.findIndex((line) => line.startsWith("error:"));
  if (first < 0) return `nix-build exited with code ${error.exitCode ?? "unknown"}`;
  const headline = lines[first].slice("error:".length).trim().replace(/[;:]$/, "");
  const quoted = lines.slice(first + 1).filter((line) => /^\s*> /.test(line)).pop()?.replace(/^\s*> /, "");
  const streamed = lines.slice(0, first).filter((line) => line.trim() !== "" && !NIX_OWN_LINE.test(line)).pop();
  const builderOutput = (quoted ?? streamed)?.trim();
  return publicText(builderOutput ? `${headline}; last log line: ${builderOutput}` : headline);
}
function publicText(text2) {
  return text2.replace(/file:\/\/\S+/g, "\u2026").replace(/\/nix\/store\/[0-9a-z]{32}-/g, "").replace(/(^|[\s'"`(=[<{,])\/[^\s'"`)\]>}]+/g, "$1\u2026");
}
function truncateReason(text2) {
  return text2.length > MAX_REASON_LENGTH ? `${text2.slice(0, MAX_REASON_LENGTH - 1)}\u2026` : text2;
}

// src/registry/on-demand.ts
var DEFAULT_RETRY_AFTER_SECONDS = 30;
var RECENT_BUILDS = 25;
var MAX_LOG_LINES = 5e3;
var OnDemandBuilder = class {
  options;
  retryAfterSeconds;
  flights = /* @__PURE__ */ new Map();
  waiting = [];
  controllers = /* @__PURE__ */ new Set();
  recent = [];
  running = 0;
  closed = false;
  constructor(options) {
    if (options.maxConcurrentBuilds < 1) throw new Error("maxConcurrentBuilds must be at least 1");
    if (options.maxQueuedBuilds < 0) throw new Error("maxQueuedBuilds must not be negative");
    const kind = options.build.source.kind;
    if (options.allowNixpkgsTags && kind !== "nixpkgs" && kind !== "channel") {
      throw new Error(`nixpkgs commit tags only apply to a nixpkgs or channel source, not to a ${kind} source`);
    }
    this.options = options;
    this.retryAfterSeconds = options.retryAfterSeconds ?? DEFAULT_RETRY_AFTER_SECONDS;
  }
  /**
   * Makes sure name:tag is in the bucket, building it if needed; resolves once it is tagged. Failures are
   * RegistryErrors meant for the client: 404 for unknown packages, 429 past the queue, 500 for failed builds.
   */
  build(rawName, tag) {
    const name = parseImageName(rawName);
    const key = `${name.arch} ${name.canonical}:${tag}`;
    const flight = this.flights.get(key);
    if (flight) return flight;
    if (this.closed) throw shuttingDown(this.retryAfterSeconds);
    if (this.flights.size >= this.options.maxConcurrentBuilds + this.options.maxQueuedBuilds) {
      this.options.log.event("build refused", { image: name.canonical, tag, running: this.running, queued: this.waiting.length });
      throw new RegistryError(
        429,
        "TOOMANYREQUESTS",
        `${name.canonical}:${tag} is not built yet and this registry is busy building other images; retry in ${this.retryAfterSeconds} seconds`,
        { headers: { "Retry-After": String(this.retryAfterSeconds) } }
      );
    }
    const built = this.run(name.canonical, tag).finally(() => this.flights.delete(key));
    this.flights.set(key, built);
    return built;
  }
  /** The configured package set (a nixpkgs commit tag may override it per request). */
  get source() {
    return this.options.build.source;
  }
  /** Newest first. */
  recentBuilds() {
    return this.recent.map((record) => ({ ...record }));
  }
  get activity() {
    return { running: this.running, queued: this.waiting.length };
  }
  /** Refuses new builds, stops running ones (killing Nix) and waits until they have let go. */
  async close() {
    this.closed = true;
    for (const controller of this.controllers) controller.abort(new DOMException("the registry is shutting down", "AbortError"));
    for (const start of this.waiting.splice(0)) {
      this.running++;
      start();
    }
    await Promise.allSettled([...this.flights.values()]);
  }
  async run(canonical, tag) {
    const existing = await this.options.store.resolveTag(canonical, tag);
    if (existing) return { digest: existing.digest, mediaType: existing.mediaType, size: existing.size };
    const record = {
      image: canonical,
      tag,
      state: "queued",
      requestedAt: (/* @__PURE__ */ new Date()).toISOString(),
      queuedSeconds: null,
      buildSeconds: null,
      nixRan: false,
      digest: null,
      reason: null
    };
    this.remember(record);
    const queuedAt = performance.now();
    await this.slot();
    const started = performance.now();
    record.queuedSeconds = seconds(started - queuedAt);
    const controller = new AbortController();
    this.controllers.add(controller);
    const nixLog = [];
    try {
      if (this.closed) throw shuttingDown(this.retryAfterSeconds);
      record.state = "building";
      this.options.log.event("build started", { image: canonical, tag, queuedSeconds: record.queuedSeconds });
      const settings = { ...this.options.build, source: sourceForTag(this.source, tag, this.options.allowNixpkgsTags) };
      const result = await buildImage(canonical, [tag], settings, this.options.destination, {
        signal: controller.signal,
        onEvent: (event) => {
          if (event.type === "nix-build") {
            record.nixRan = true;
            this.options.log.event("nix build", { image: canonical, tag });
          } else if (event.type === "nix-log") {
            nixLog.push(event.line);
            if (nixLog.length > MAX_LOG_LINES) nixLog.shift();
          }
        }
      });
      Object.assign(record, { state: "built", buildSeconds: seconds(performance.now() - started), digest: result.digest });
      this.options.log.event("build finished", {
        image: canonical,
        tag,
        digest: result.digest,
        seconds: record.buildSeconds,
        layers: result.layers,
        cachedLayers: result.cachedLayers,
        manifestCacheHit: result.manifestCacheHit,
        ...result.revision ? { revision: result.revision } : {}
      });
      const manifest = await this.options.store.resolveTag(canonical, tag);
      if (!manifest) throw new Error(`the build of ${canonical}:${tag} finished but the tag is missing from the bucket`);
      return { digest: manifest.digest, mediaType: manifest.mediaType, size: manifest.size };
    } catch (error) {
      const clientError = error instanceof RegistryError ? error : registryErrorFor(error, canonical, tag, this.retryAfterSeconds);
      Object.assign(record, { state: "failed", buildSeconds: seconds(performance.now() - started), reason: clientError.message });
      const err = error instanceof Error ? error : new Error(String(error));
      this.options.log.event("build failed", {
        image: canonical,
        tag,
        seconds: record.buildSeconds,
        status: clientError.status,
        reason: clientError.message,
        error: `${err.name}: ${err.message}`,
        ...isExpected(err) ? {} : { stack: err.stack },
        ...nixLog.length > 0 ? { nixLog } : {}
      });
      throw clientError;
    } finally {
      this.controllers.delete(controller);
      this.release();
    }
  }
  /** Resolves when a build slot is free; slots pass straight to the next waiter on release. */
  slot() {
    if (this.running < this.options.maxConcurrentBuilds) {
      this.running++;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }
  release() {
    const next = this.waiting.shift();
    if (next) next();
    else this.running--;
  }
  remember(record) {
    this.recent.unshift(record);
    if (this.recent.length > RECENT_BUILDS) this.recent.pop();
  }
};
function sourceForTag(source, tag, allowNixpkgsTags) {
  const nixpkgsLike = source.kind === "nixpkgs" || source.kind === "channel";
  return allowNixpkgsTags && nixpkgsLike && isCommitHash(tag) ? { kind: "nixpkgs", commit: tag } : source;
}
function isExpected(error) {
  return error instanceof NixeryError || error instanceof RegistryError || error.name === "AbortError";
}
function seconds(ms) {
  return Math.round(ms) / 1e3;
}

// src/registry/server.ts
import { createServer } from "node:http";

// src/registry/context.ts
var API_VERSION_HEADER = { "Docker-Distribution-API-Version": "registry/2.0" };
function sendBody(ctx, status, body, headers) {
  ctx.response.writeHead(status, { ...headers, "Content-Length": body.length });
  if (ctx.head) {
    ctx.response.end();
    return;
  }
  ctx.response.end(body);
  ctx.bytesSent += body.length;
}
function sendJson(ctx, status, value, headers = {}) {
  sendBody(ctx, status, Buffer.from(JSON.stringify(value)), { "Content-Type": "application/json", ...headers });
}
function sendError(ctx, error) {
  sendBody(ctx, error.status, Buffer.from(error.body()), { "Content-Type": "application/json", ...error.headers });
}
function notModified(ctx, etag, headers) {
  const header = ctx.request.headers["if-none-match"];
  if (header === void 0) return false;
  const matches = header.split(",").some((candidate) => {
    const tag = candidate.trim();
    return tag === "*" || tag === etag || tag === `W/${etag}`;
  });
  if (!matches) return false;
  const { "Content-Length": _length, ...rest } = headers;
  ctx.response.writeHead(304, rest);
  ctx.response.end();
  return true;
}
function methodAllowed(ctx) {
  return ctx.request.method === "GET" || ctx.request.method === "HEAD";
}

// src/registry/caches.ts
var TtlCache = class {
  entries = /* @__PURE__ */ new Map();
  ttlMs;
  maxEntries;
  constructor(ttlMs, maxEntries = 1e4) {
    this.ttlMs = ttlMs;
    this.maxEntries = maxEntries;
  }
  get(key, load) {
    const now = Date.now();
    const hit = this.entries.get(key);
    if (hit && hit.expires > now) return hit.value;
    if (this.ttlMs <= 0) return load();
    const value = load();
    this.entries.delete(key);
    this.entries.set(key, { expires: now + this.ttlMs, value });
    value.catch(() => {
      if (this.entries.get(key)?.value === value) this.entries.delete(key);
    });
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value);
    return value;
  }
  /** Drops one entry, e.g. a remembered "not found" for a tag that was just built. */
  delete(key) {
    this.entries.delete(key);
  }
};
var ByteLru = class {
  entries = /* @__PURE__ */ new Map();
  maxBytes;
  bytes = 0;
  constructor(maxBytes) {
    this.maxBytes = maxBytes;
  }
  get(key) {
    const value = this.entries.get(key);
    if (value !== void 0) {
      this.entries.delete(key);
      this.entries.set(key, value);
    }
    return value;
  }
  set(key, value) {
    if (value.size > this.maxBytes) return;
    const old = this.entries.get(key);
    if (old) this.bytes -= old.size;
    this.entries.delete(key);
    this.entries.set(key, value);
    this.bytes += value.size;
    for (const [oldest, entry] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.entries.delete(oldest);
      this.bytes -= entry.size;
    }
  }
};

// src/settings/serve-settings.ts
var DEFAULT_PORT = 5e3;
var DEFAULT_HOST = "0.0.0.0";
var DEFAULT_CACHE_TTL_MS = 5e3;
var DEFAULT_MAX_CONCURRENT_BUILDS = 2;
var DEFAULT_MAX_QUEUED_BUILDS = 16;
var BUILD_ONLY_FLAGS = [
  ...SOURCE_FLAGS,
  "nixpkgs-sha256",
  "allow-nixpkgs-tags",
  "timeout",
  "max-builds",
  "build-queue",
  "budget",
  "compression"
];
function readServeSettings(values, env, storageHelp) {
  const storage = values.storage ?? storageFromEnv(env);
  if (!storage) throw new UsageError(`--storage is required: the bucket to serve (${storageHelp}); or set NIXERY_STORAGE_BACKEND`);
  if (!values.build) {
    const given = BUILD_ONLY_FLAGS.find((flag) => values[flag] !== void 0 && values[flag] !== false);
    if (given) throw new UsageError(`--${given} only applies with --build (on-demand builds)`);
  }
  const publicUrl = values["public-url"] === void 0 ? void 0 : parsePublicUrl(values["public-url"]);
  return {
    storage,
    port: parsePort(values.port, env),
    host: values.host ?? DEFAULT_HOST,
    cacheTtlMs: parseCacheTtl(values["cache-ttl"]),
    ...publicUrl ? { publicUrl } : {},
    redirectBlobs: values["redirect-blobs"] === true,
    ...values.htpasswd !== void 0 ? { htpasswdFile: values.htpasswd } : {},
    ...values["token-file"] !== void 0 ? { tokenFile: values["token-file"] } : {},
    ...values.build ? { onDemand: readOnDemandSettings(values, env) } : {}
  };
}
function readOnDemandSettings(values, env) {
  const source = chooseSource(values, env);
  const allowNixpkgsTags = values["allow-nixpkgs-tags"] === true;
  if (allowNixpkgsTags && source.kind !== "nixpkgs" && source.kind !== "channel") {
    throw new UsageError("--allow-nixpkgs-tags goes with a nixpkgs or channel package set (--nixpkgs, --channel or NIXERY_CHANNEL)");
  }
  return {
    build: {
      source,
      budget: parseBudget(values.budget),
      compression: parseCompression(values.compression),
      timeoutMs: parseTimeout(values.timeout, env)
    },
    maxConcurrentBuilds: parsePositiveInteger("--max-builds", values["max-builds"]) ?? DEFAULT_MAX_CONCURRENT_BUILDS,
    maxQueuedBuilds: parseQueueLength(values["build-queue"]),
    allowNixpkgsTags
  };
}
function storageFromEnv(env) {
  const backend = env.NIXERY_STORAGE_BACKEND?.trim();
  if (!backend) return void 0;
  if (backend === "filesystem") {
    if (!env.STORAGE_PATH?.trim())
      throw new UsageError("NIXERY_STORAGE_BACKEND=filesystem needs STORAGE_PATH (the folder to keep images in)");
    return env.STORAGE_PATH.trim();
  }
  if (backend === "gcs") {
    const bucket = env.GCS_BUCKET?.trim();
    if (!bucket) throw new UsageError("NIXERY_STORAGE_BACKEND=gcs needs GCS_BUCKET (the bucket name)");
    return bucket.startsWith("gs://") ? bucket : `gs://${bucket}`;
  }
  if (backend === "s3") {
    const bucket = env.S3_BUCKET?.trim();
    if (!bucket) throw new UsageError("NIXERY_STORAGE_BACKEND=s3 needs S3_BUCKET (the bucket name, optionally bucket/prefix)");
    return bucket.startsWith("s3://") ? bucket : `s3://${bucket}`;
  }
  throw new UsageError(`NIXERY_STORAGE_BACKEND "${backend}": expected filesystem, gcs or s3 (or use --storage)`);
}
var UNUSED_NIXERY_ENV = {
  WEB_DIR: "the landing page is made from the bucket (every image, tag and layer), so there is no static folder to serve",
  NIX_POPULARITY_URL: "layers are cut by closure size and sharing, not by a popularity table",
  GCS_SIGNING_KEY: "blob redirects (--redirect-blobs) are signed with the credentials that open the bucket",
  GCS_SIGNING_ACCOUNT: "blob redirects (--redirect-blobs) are signed with the credentials that open the bucket"
};
function unusedNixeryEnv(env) {
  return Object.entries(UNUSED_NIXERY_ENV).filter(([name]) => env[name]?.trim()).map(([name, why]) => `${name} is set but not used: ${why}`);
}
function parsePort(value, env) {
  const raw = value ?? env.PORT;
  if (raw === void 0 || raw === "") return DEFAULT_PORT;
  const port = Number(raw);
  if (!/^\d{1,5}$/.test(raw) || port > 65535) {
    throw new UsageError(`${value !== void 0 ? "--port" : "PORT"} "${raw}": expected a port number from 0 to 65535`);
  }
  return port;
}
function parseCacheTtl(value) {
  if (value === void 0) return DEFAULT_CACHE_TTL_MS;
  const seconds2 = Number(value);
  if (value.trim() === "" || !Number.isFinite(seconds2) || seconds2 < 0) {
    throw new UsageError(`--cache-ttl "${value}": expected a number of seconds, 0 or more`);
  }
  return seconds2 * 1e3;
}
function parseQueueLength(value) {
  if (value === void 0) return DEFAULT_MAX_QUEUED_BUILDS;
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(n))
    throw new UsageError(`--build-queue "${value}": expected a whole number, 0 or more`);
  return n;
}
function parsePublicUrl(value) {
  try {
    const url = new URL(value);
    if (url.protocol === "http:" || url.protocol === "https:") return url.href;
  } catch {
  }
  throw new UsageError(`--public-url "${value}": expected an http:// or https:// URL`);
}

// src/registry/image-reader.ts
var MAX_SMALL_BLOB_BYTES = 4 * 1024 * 1024;
var DEFAULT_SMALL_BLOB_CACHE_BYTES = 128 * 1024 * 1024;
var MAX_MANIFEST_BYTES2 = 4 * 1024 * 1024;
var MANIFEST_MEDIA_TYPES = /* @__PURE__ */ new Set([
  MediaType.ociManifest,
  MediaType.ociIndex,
  MediaType.dockerManifest,
  MediaType.dockerManifestList
]);
var ImageReader = class {
  store;
  tagLookups;
  tagLists;
  repositoryLists;
  manifests;
  smallBlobs;
  smallBlobLoads = /* @__PURE__ */ new Map();
  verified = /* @__PURE__ */ new Map();
  constructor(store, options = {}) {
    this.store = options.onWarning ? store.withWarnings(options.onWarning) : store;
    const ttl = options.cacheTtlMs ?? DEFAULT_CACHE_TTL_MS;
    this.tagLookups = new TtlCache(ttl);
    this.tagLists = new TtlCache(ttl, 1e3);
    this.repositoryLists = new TtlCache(ttl, 1);
    this.manifests = new ByteLru(options.manifestCacheBytes ?? 64 * 1024 * 1024);
    this.smallBlobs = new ByteLru(options.smallBlobCacheBytes ?? DEFAULT_SMALL_BLOB_CACHE_BYTES);
  }
  /** The canonical name for any spelling of a package set (any order finds the image); 400 NAME_INVALID otherwise. */
  canonicalName(raw) {
    try {
      return parseImageName(raw).canonical;
    } catch (error) {
      if (error instanceof InvalidNameError) throw nameInvalid(error.message);
      throw error;
    }
  }
  /** Tags of a repository, ASCII-sorted; 404 NAME_UNKNOWN when it has none. */
  async tags(canonical) {
    const tags = await this.tagLists.get(canonical, async () => {
      const prefix = tagKey(canonical, "");
      const keys = await this.store.storage.list(prefix);
      return keys.map((key) => parseTagKey(key)).filter((parsed) => parsed !== null && parsed.name === canonical && isValidTag(parsed.tag)).map((parsed) => parsed.tag).sort(compareStrings);
    });
    if (tags.length === 0) throw nameUnknown(canonical);
    return tags;
  }
  /** Every repository that has at least one tag, ASCII-sorted. */
  async repositories() {
    return [...(await this.tagsByRepository()).keys()];
  }
  /**
   * Every repository (ASCII-sorted) with its tags (ASCII-sorted), from one listing of the bucket's tag objects:
   * what the pages need to count tags or read every tag, without a listing per repository.
   */
  tagsByRepository() {
    return this.repositoryLists.get("", async () => {
      const tags = /* @__PURE__ */ new Map();
      for (const key of await this.store.storage.list(TAGS_PREFIX)) {
        const parsed = parseTagKey(key);
        if (!parsed || !isValidTag(parsed.tag)) continue;
        const list = tags.get(parsed.name);
        if (list) list.push(parsed.tag);
        else tags.set(parsed.name, [parsed.tag]);
      }
      const names = [...tags.keys()].sort(compareStrings);
      return new Map(names.map((name) => [name, tags.get(name).sort(compareStrings)]));
    });
  }
  /** A manifest by tag or digest, verified against its digest. */
  async manifest(canonical, reference) {
    if (reference.includes(":")) {
      const digest = validDigest(reference);
      await this.tags(canonical);
      const manifest2 = await this.manifestBlob(digest, void 0);
      if (!manifest2) throw manifestUnknown(canonical, digest);
      return manifest2;
    }
    if (!isValidTag(reference)) {
      throw new RegistryError(400, "MANIFEST_UNKNOWN", `"${truncate(reference)}" is neither a valid tag nor a digest`, {
        detail: { reference: truncate(reference) }
      });
    }
    const descriptor = await this.tagLookups.get(`${canonical}:${reference}`, () => this.store.resolveTag(canonical, reference));
    if (!descriptor) {
      await this.tags(canonical);
      throw manifestUnknown(canonical, reference);
    }
    const manifest = await this.manifestBlob(descriptor.digest, descriptor.mediaType);
    if (!manifest) throw manifestUnknown(canonical, reference, `points at ${descriptor.digest}, which is missing or damaged in the bucket`);
    return manifest;
  }
  /** Forgets cached lookups for name:tag (and the lists that include it) after the tag was written, e.g. built on demand. */
  forgetTag(canonical, tag) {
    this.tagLookups.delete(`${canonical}:${tag}`);
    this.tagLists.delete(canonical);
    this.repositoryLists.delete("");
  }
  /**
   * Stored manifest bytes, only if they hash to the digest. The media type comes from the tag record, or from the
   * manifest's own mediaType field when pulled by digest; a blob that is not a manifest is never served as one.
   */
  async manifestBlob(digest, mediaType) {
    const cached = this.manifests.get(digest);
    if (cached) return mediaType === void 0 || cached.mediaType === mediaType ? cached : { ...cached, mediaType };
    const info = await this.store.storage.stat(blobKey(digest));
    if (!info || info.size > MAX_MANIFEST_BYTES2) return null;
    const bytes = await this.store.readBlob(digest);
    if (!bytes || sha256Digest(bytes) !== digest) return null;
    const declared = declaredMediaType(bytes);
    if (declared === null || !MANIFEST_MEDIA_TYPES.has(declared)) return null;
    const manifest = { digest, mediaType: mediaType ?? declared, bytes, size: bytes.length };
    this.manifests.set(digest, { ...manifest, mediaType: declared });
    this.rememberVerified(digest, bytes.length);
    return manifest;
  }
  /**
   * A whole small blob (configs, small layers: the most requested bytes), only if it hashes to its digest.
   * Kept in memory, so repeated pulls cost one write and no storage read; concurrent first reads share one load.
   */
  smallBlob(digest, size) {
    const cached = this.smallBlobs.get(digest);
    if (cached) return Promise.resolve(cached.bytes);
    let loading = this.smallBlobLoads.get(digest);
    if (!loading) {
      loading = this.loadSmallBlob(digest, size).finally(() => this.smallBlobLoads.delete(digest));
      this.smallBlobLoads.set(digest, loading);
    }
    return loading;
  }
  async loadSmallBlob(digest, size) {
    if (size > MAX_SMALL_BLOB_BYTES) throw new Error(`blob ${digest} is ${size} bytes, too large to read whole`);
    const bytes = await this.store.readBlob(digest);
    if (!bytes) return "missing";
    if (bytes.length !== size || sha256Digest(bytes) !== digest) {
      this.forgetVerified(digest);
      return "damaged";
    }
    this.smallBlobs.set(digest, { bytes, size: bytes.length });
    this.rememberVerified(digest, bytes.length);
    return bytes;
  }
  /** A small JSON blob (an image config) by digest, only if its bytes hash to it; null when missing, damaged or large. */
  async verifiedSmallBlob(digest) {
    const size = await this.blobSize(validDigest(digest));
    if (size === null || size > MAX_SMALL_BLOB_BYTES) return null;
    const bytes = await this.smallBlob(digest, size);
    return typeof bytes === "string" ? null : bytes;
  }
  /** Size of a blob, or null when the bucket does not hold it. */
  async blobSize(digest) {
    const known = this.verified.get(digest);
    if (known !== void 0) return known;
    return (await this.store.storage.stat(blobKey(digest)))?.size ?? null;
  }
  openBlob(digest, range) {
    return this.store.storage.openRead(blobKey(digest), range);
  }
  /** Whether these exact bytes were already checked against the digest in this process. */
  isVerified(digest, size) {
    return this.verified.get(digest) === size;
  }
  rememberVerified(digest, size) {
    if (this.verified.size >= 1e5) this.verified.delete(this.verified.keys().next().value);
    this.verified.set(digest, size);
  }
  forgetVerified(digest) {
    this.verified.delete(digest);
  }
};
function validDigest(value) {
  if (!isSha256Digest(value)) throw digestInvalid(value);
  return value;
}
function declaredMediaType(bytes) {
  try {
    const parsed = JSON.parse(bytes.toString("utf8"));
    if (typeof parsed !== "object" || parsed === null) return null;
    const { mediaType, schemaVersion } = parsed;
    if (schemaVersion !== 2) return null;
    if (mediaType === void 0) return "layers" in parsed ? MediaType.ociManifest : "manifests" in parsed ? MediaType.ociIndex : null;
    return typeof mediaType === "string" ? mediaType : null;
  } catch {
    return null;
  }
}

// src/registry/host.ts
var PLAIN_HOST = /^[A-Za-z0-9.-]{1,253}(?::\d{1,5})?$|^\[[0-9A-Fa-f:.]{2,45}\](?::\d{1,5})?$/;
function requestHost(request) {
  const host = request.headers.host ?? "";
  return PLAIN_HOST.test(host) ? host : localAddress2(request);
}
function localAddress2(request) {
  const { localAddress: address, localPort: port } = request.socket;
  if (!address) return "localhost";
  const v4 = address.replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/, "$1");
  return v4.includes(":") ? `[${v4}]:${port}` : `${v4}:${port}`;
}

// src/registry/page.ts
import { createHash as createHash5 } from "node:crypto";
function escapeHtml(value) {
  return value.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
}
function pullCommand(host, repository, tag) {
  return `docker pull ${host}/${repository}:${tag}`;
}
function pullByDigestCommand(host, repository, digest) {
  return `docker pull ${host}/${repository}@${digest}`;
}
function plural(count, one, many) {
  return `${count} ${count === 1 ? one : many}`;
}
var STYLE = `
:root { color-scheme: light dark; --muted: #6b7280; --line: #d1d5db; --accent: #2563eb; }
*, *::before, *::after { box-sizing: border-box; }
body { font: 15px/1.45 system-ui, sans-serif; margin: 0 auto; max-width: 72rem; padding: 1rem 1.5rem 2rem; overflow-wrap: anywhere; }
header.top { display: flex; flex-wrap: wrap; align-items: baseline; gap: .25rem 1rem; border-bottom: 1px solid var(--line); margin-bottom: 1rem; }
header.top .home { font-weight: 600; font-size: 1.1rem; color: inherit; text-decoration: none; }
h1 { font-size: 1.5rem; margin: .5rem 0 .25rem; }
h2 { font-size: 1.2rem; margin: 2rem 0 .5rem; border-bottom: 1px solid var(--line); padding-bottom: .25rem; }
h3 { font-size: 1rem; margin: 1rem 0 .25rem; }
a { color: var(--accent); }
code, input.pull, input.filter { font: 13px/1.4 ui-monospace, monospace; }
.muted { color: var(--muted); }
.scroll { max-width: 100%; overflow-x: auto; }
.image { border: 1px solid var(--line); border-radius: 6px; padding: .75rem 1rem; margin: .75rem 0; min-width: 0; }
.tag { display: inline-block; background: var(--accent); color: #fff; border-radius: 3px; padding: 0 .4rem; margin: 0 .25rem .25rem 0; font-size: 13px; }
dl { display: grid; grid-template-columns: max-content minmax(0, 1fr); gap: .1rem 1rem; margin: .5rem 0; }
dt { color: var(--muted); }
dd { margin: 0; min-width: 0; }
.pull-row { display: flex; gap: .5rem; margin: .25rem 0; }
input.pull, input.filter { flex: 1; min-width: 0; padding: .3rem .4rem; border: 1px solid var(--line); border-radius: 4px; background: transparent; color: inherit; }
button { padding: .3rem .8rem; border: 1px solid var(--accent); border-radius: 4px; background: var(--accent); color: #fff; cursor: pointer; min-width: 5rem; }
table { border-collapse: collapse; width: 100%; margin-top: .5rem; }
th, td { text-align: left; vertical-align: top; padding: .25rem .5rem; border-top: 1px solid var(--line); }
td.size, th.size { white-space: nowrap; text-align: right; }
td.paths code, td.shared .count { display: block; }
td.shared a, td.shared .muted { display: inline-block; margin-right: .6rem; }
.problem { color: #b91c1c; }
form.filter { display: flex; gap: .5rem; margin: .5rem 0; }
section.platform { border-top: 1px dashed var(--line); margin-top: .75rem; padding-top: .25rem; }
form.build { display: flex; flex-wrap: wrap; gap: .5rem; align-items: end; margin: .5rem 0; }
form.build label { display: flex; flex-direction: column; font-size: 13px; color: var(--muted); max-width: 100%; }
form.build input { font: 13px/1.4 ui-monospace, monospace; padding: .3rem .4rem; border: 1px solid var(--line); border-radius: 4px; background: transparent; color: inherit; max-width: 100%; }
.state-built { color: #15803d; }
.state-failed { color: #b91c1c; }
.state-queued, .state-building { color: #b45309; }
@media (max-width: 40rem) {
  body { padding: .5rem .75rem 1.5rem; }
  dl { grid-template-columns: minmax(0, 1fr); }
  dt { margin-top: .35rem; }
  .image { padding: .5rem .6rem; }
  th, td { padding: .2rem .3rem; }
  .wide { display: none; }
  button { min-width: 4rem; padding: .3rem .5rem; }
  /* Layers stack: size and digest on one line, then the store paths, then the images sharing the layer. */
  table.layers thead { display: none; }
  table.layers tr { display: grid; grid-template-columns: max-content minmax(0, 1fr); gap: 0 .75rem; border-top: 1px solid var(--line); padding: .35rem 0; }
  table.layers td { border: 0; padding: 0; text-align: left; }
  table.layers td.paths, table.layers td.shared { grid-column: 1 / -1; }
  table.layers td.shared::before { content: 'shared with: '; color: var(--muted); }
  table.layers td.shared .count { display: inline; margin-right: .6rem; }
}
`;
var SCRIPT = `
document.addEventListener('click', async (event) => {
  const button = event.target.closest('button[data-copy]');
  if (!button) return;
  const input = document.getElementById(button.dataset.copy);
  input.select();
  let copied = false;
  try { await navigator.clipboard.writeText(input.value); copied = true; } catch { copied = document.execCommand('copy'); }
  button.textContent = copied ? 'Copied' : 'Press Ctrl+C';
  setTimeout(() => { button.textContent = 'Copy'; }, 2000);
});
const filter = document.getElementById('filter');
if (filter) {
  const rows = [...document.querySelectorAll('tr[data-repository]')];
  const count = document.getElementById('filter-count');
  const apply = () => {
    const terms = filter.value.toLowerCase().split(/[\\s,/]+/).filter(Boolean);
    let shown = 0;
    for (const row of rows) {
      row.hidden = !terms.every((term) => row.dataset.repository.includes(term));
      if (!row.hidden) shown++;
    }
    count.textContent = shown;
  };
  filter.addEventListener('input', apply);
}
const buildForm = document.getElementById('build-form');
if (buildForm) {
  // Packages may be typed with spaces, commas or slashes; the registry sorts them itself.
  const showPull = () => {
    const typed = buildForm.elements.packages.value.toLowerCase().split(/[\\s,/]+/).filter(Boolean);
    // Meta-packages only count at the front of a name; put them there wherever they were typed.
    const metas = ['arm64', 'shell'].filter((m) => typed.includes(m));
    const names = [...metas, ...typed.filter((n) => !metas.includes(n))];
    const tag = buildForm.elements.tag.value.trim() || 'latest';
    buildForm.elements.command.value = names.length ? 'docker pull ' + buildForm.dataset.host + '/' + names.join('/') + ':' + tag : '';
  };
  buildForm.addEventListener('input', showPull);
  buildForm.addEventListener('submit', (event) => { event.preventDefault(); showPull(); });
  showPull();
}
`;
var cspHash = (text2) => `'sha256-${createHash5("sha256").update(text2).digest("base64")}'`;
var PAGE_HEADERS = {
  "Content-Type": "text/html; charset=utf-8",
  "Content-Security-Policy": `default-src 'none'; style-src ${cspHash(STYLE)}; script-src ${cspHash(SCRIPT)}; base-uri 'none'; form-action 'self'; frame-ancestors 'none'`,
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "no-referrer",
  "Cache-Control": "no-cache"
};
function renderDocument(title, host, body) {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<header class="top"><a class="home" href="/">nixery registry</a><code class="muted">${escapeHtml(host)}</code></header>
<main>
${body}
</main>
<script>${SCRIPT}</script>
</body>
</html>
`;
}
function copyRow(id, command, label, attributes = "") {
  return `<div class="pull-row"><input class="pull" id="${id}"${attributes} readonly value="${escapeHtml(command)}" aria-label="${escapeHtml(label)}"><button type="button" data-copy="${id}">Copy</button></div>`;
}
function renderSignInPage(host, kinds, message) {
  const ways = [
    kinds.users ? `<li>a user name and password: <code>${escapeHtml(`docker login ${host} -u USER`)}</code></li>` : "",
    kinds.tokens ? `<li>an access token as the password, with any user name: <code>${escapeHtml(`docker login ${host} -u token --password-stdin < TOKEN_FILE`)}</code></li>` : ""
  ].join("");
  const body = `<h1>This registry needs credentials</h1>
<p class="problem">${escapeHtml(message)}.</p>
<p>The images here are listed only to signed-in users. Reload the page to sign in with your browser, using</p>
<ul>${ways}</ul>
<p>Then pull as usual; <code>podman login</code> and <code>skopeo login</code> take the same credentials.</p>`;
  return renderDocument("sign in to the nixery registry", host, body);
}
function renderErrorPage(host, status, message) {
  const body = `<h1>${status === 404 ? "Not found" : "Cannot show this page"}</h1>
<p class="problem">${escapeHtml(message)}</p>
<p><a href="/">All repositories</a></p>`;
  return renderDocument(`${status}: nixery registry`, host, body);
}

// src/registry/router.ts
var MANIFEST = /^\/v2\/(.+)\/manifests\/([^/]+)$/;
var BLOB = /^\/v2\/(.+)\/blobs\/([^/]+)$/;
var UPLOAD = /^\/v2\/(.+)\/blobs\/uploads(?:\/[^/]*)?$/;
var TAGS = /^\/v2\/(.+)\/tags\/list$/;
var REFERRERS = /^\/v2\/(.+)\/referrers\/([^/]+)$/;
var REPOSITORY_PAGE_PREFIX = "/-/repository/";
function repositoryPagePath(name) {
  return `${REPOSITORY_PAGE_PREFIX}${name}`;
}
function isPageRoute(route) {
  return route.kind === "page" || route.kind === "repository-page";
}
function routeOf(pathname) {
  if (pathname === "/v2/" || pathname === "/v2") return { kind: "base" };
  if (pathname === "/") return { kind: "page" };
  if (pathname === "/v2/_catalog") return { kind: "catalog" };
  if (pathname === "/v2/token") return { kind: "token" };
  if (pathname === "/healthz") return { kind: "healthz" };
  if (pathname.startsWith(REPOSITORY_PAGE_PREFIX) && pathname.length > REPOSITORY_PAGE_PREFIX.length) {
    return { kind: "repository-page", name: pathname.slice(REPOSITORY_PAGE_PREFIX.length) };
  }
  const upload = UPLOAD.exec(pathname);
  if (upload) return { kind: "upload", name: upload[1] };
  const manifest = MANIFEST.exec(pathname);
  if (manifest) return { kind: "manifest", name: manifest[1], reference: manifest[2] };
  const blob2 = BLOB.exec(pathname);
  if (blob2) return { kind: "blob", name: blob2[1], digest: blob2[2] };
  const tags = TAGS.exec(pathname);
  if (tags) return { kind: "tags", name: tags[1] };
  const referrers = REFERRERS.exec(pathname);
  if (referrers) return { kind: "referrers", name: referrers[1], digest: referrers[2] };
  return { kind: "unknown" };
}

// src/registry/routes/blobs.ts
import { createHash as createHash6 } from "node:crypto";
import { Transform } from "node:stream";
import { pipeline as pipeline3 } from "node:stream/promises";

// src/registry/file-sender.ts
import { open } from "node:fs/promises";
var CHUNK_BYTES = 1024 * 1024;
var RING_SIZE = 2;
async function openLocalFile(storage, key) {
  if (!storage.local) return null;
  try {
    return await open(storage.local.path(key), "r");
  } catch (error) {
    if (error.code === "ENOENT") return null;
    throw error;
  }
}
async function sendFileRange(file, start, end, response, onBytes) {
  const total = end - start + 1;
  const chunks = Math.ceil(total / CHUNK_BYTES);
  const buffers = Array.from({ length: Math.min(RING_SIZE, chunks) }, () => Buffer.allocUnsafeSlow(CHUNK_BYTES));
  const freed = buffers.map(() => Promise.resolve());
  const reads = [];
  let gone = () => {
  };
  const closed = new Promise((_resolve, reject) => gone = reject);
  closed.catch(() => {
  });
  const onClose = () => {
    if (!response.writableFinished) gone(Object.assign(new Error("client went away"), { code: "ERR_STREAM_PREMATURE_CLOSE" }));
  };
  response.on("close", onClose);
  const lengthOf = (i) => Math.min(CHUNK_BYTES, total - i * CHUNK_BYTES);
  const startRead = (i) => {
    const slot = i % buffers.length;
    const read = freed[slot].then(async () => (await file.read(buffers[slot], 0, lengthOf(i), start + i * CHUNK_BYTES)).bytesRead);
    read.catch(() => {
    });
    reads[i] = read;
  };
  try {
    for (let i = 0; i < buffers.length; i++) startRead(i);
    for (let i = 0; i < chunks; i++) {
      const slot = i % buffers.length;
      const bytesRead = await Promise.race([reads[i], closed]);
      if (bytesRead !== lengthOf(i)) throw new Error(`file ended at byte ${start + i * CHUNK_BYTES + bytesRead}, before byte ${end}`);
      const written = new Promise((resolve, reject) => {
        response.write(buffers[slot].subarray(0, bytesRead), (error) => {
          if (error) return reject(error);
          onBytes(bytesRead);
          resolve();
        });
      });
      written.catch(() => {
      });
      freed[slot] = written;
      if (i + buffers.length < chunks) startRead(i + buffers.length);
    }
    await Promise.race([Promise.all(freed), closed]);
    await new Promise((resolve, reject) => {
      response.end(() => resolve());
      closed.catch(reject);
    });
  } finally {
    response.off("close", onClose);
  }
}

// src/registry/range.ts
var SINGLE_RANGE = /^bytes=(\d*)-(\d*)$/;
var MAX_DIGITS = 15;
function parseRange(header, size) {
  if (header === void 0) return { kind: "whole" };
  const match = SINGLE_RANGE.exec(header.trim().replace(/\s+/g, ""));
  if (!match) return { kind: "whole" };
  const [, first = "", last = ""] = match;
  if (first === "" && last === "" || first.length > MAX_DIGITS || last.length > MAX_DIGITS) return { kind: "whole" };
  if (first === "") {
    const length = Number(last);
    if (length === 0 || size === 0) return { kind: "unsatisfiable" };
    return { kind: "partial", range: { start: Math.max(0, size - length), end: size - 1 } };
  }
  const start = Number(first);
  const end = last === "" ? Infinity : Number(last);
  if (end < start) return { kind: "whole" };
  if (start >= size) return { kind: "unsatisfiable" };
  return { kind: "partial", range: { start, end: Math.min(end, size - 1) } };
}
function contentRange(range, size) {
  return `bytes ${range.start}-${range.end}/${size}`;
}

// src/registry/routes/blobs.ts
async function serveBlob(ctx, rawName, rawDigest) {
  const name = ctx.reader.canonicalName(rawName);
  const digest = validDigest(rawDigest);
  await ctx.reader.tags(name);
  const size = await ctx.reader.blobSize(digest);
  if (size === null) throw blobUnknown(digest);
  const etag = `"${digest}"`;
  const headers = {
    "Content-Type": "application/octet-stream",
    "Docker-Content-Digest": digest,
    ETag: etag,
    "Accept-Ranges": "bytes",
    "Cache-Control": IMMUTABLE_CACHE_CONTROL
  };
  if (notModified(ctx, etag, headers)) return;
  const ifRange = ctx.request.headers["if-range"];
  const rangeHeader = ifRange === void 0 || ifRange === etag ? ctx.request.headers.range : void 0;
  const range = parseRange(rangeHeader, size);
  if (range.kind === "unsatisfiable") {
    throw new RegistryError(416, "RANGE_INVALID", `range "${String(rangeHeader).slice(0, 40)}" is outside blob ${digest} (${size} bytes)`, {
      headers: { "Content-Range": `bytes */${size}` }
    });
  }
  const status = range.kind === "partial" ? 206 : 200;
  if (range.kind === "partial") headers["Content-Range"] = contentRange(range.range, size);
  const length = range.kind === "partial" ? range.range.end - range.range.start + 1 : size;
  if (ctx.head) {
    ctx.response.writeHead(status, { ...headers, "Content-Length": length });
    ctx.response.end();
    return;
  }
  const location = await signedLocation(ctx, digest);
  if (location) {
    ctx.response.writeHead(307, { Location: location, "Docker-Content-Digest": digest, "Content-Length": 0 });
    ctx.response.end();
    return;
  }
  if (size <= MAX_SMALL_BLOB_BYTES) {
    const bytes = await ctx.reader.smallBlob(digest, size);
    if (bytes === "missing") throw blobUnknown(digest);
    if (bytes === "damaged") throw damaged(ctx, digest);
    const body = range.kind === "partial" ? bytes.subarray(range.range.start, range.range.end + 1) : bytes;
    ctx.response.writeHead(status, { ...headers, "Content-Length": body.length });
    ctx.response.end(body);
    ctx.bytesSent += body.length;
    return;
  }
  if (!ctx.reader.isVerified(digest, size) && range.kind === "partial") {
    if (!await checkWholeBlob(ctx, digest, size)) throw damaged(ctx, digest);
  }
  const hashing = !ctx.reader.isVerified(digest, size);
  if (!hashing && await sendLocalFile(ctx, digest, status, headers, range.kind === "partial" ? range.range : { start: 0, end: size - 1 }))
    return;
  const source = await ctx.reader.openBlob(digest, range.kind === "partial" ? range.range : void 0);
  if (!source) throw blobUnknown(digest);
  ctx.response.writeHead(status, { ...headers, "Content-Length": length });
  const meter = hashing ? new HashingMeter(
    digest,
    (bytes) => ctx.bytesSent += bytes,
    () => {
      ctx.reader.forgetVerified(digest);
      ctx.logError = `blob ${digest} in ${ctx.reader.store.storage.location} does not hash to its digest; cut the response`;
    }
  ) : null;
  if (!meter) source.on("data", (chunk) => ctx.bytesSent += chunk.length);
  try {
    await (meter ? pipeline3(source, meter, ctx.response) : pipeline3(source, ctx.response));
    if (hashing) ctx.reader.rememberVerified(digest, size);
  } catch (error) {
    if (!meter?.mismatch && !isClientGone(error)) ctx.logError ??= `reading blob ${digest} failed: ${error.message}`;
    ctx.response.destroy();
  }
}
async function sendLocalFile(ctx, digest, status, headers, range) {
  const file = await openLocalFile(ctx.reader.store.storage, blobKey(digest));
  if (!file) return false;
  try {
    ctx.response.writeHead(status, { ...headers, "Content-Length": range.end - range.start + 1 });
    await sendFileRange(file, range.start, range.end, ctx.response, (bytes) => ctx.bytesSent += bytes);
  } catch (error) {
    if (!isClientGone(error)) ctx.logError ??= `reading blob ${digest} failed: ${error.message}`;
    ctx.response.destroy();
  } finally {
    await file.close();
  }
  return true;
}
async function checkWholeBlob(ctx, digest, size) {
  const source = await ctx.reader.openBlob(digest);
  if (!source) throw blobUnknown(digest);
  const hash = createHash6("sha256");
  let bytes = 0;
  for await (const chunk of source) {
    hash.update(chunk);
    bytes += chunk.length;
  }
  const ok = bytes === size && `sha256:${hash.digest("hex")}` === digest;
  if (ok) ctx.reader.rememberVerified(digest, size);
  return ok;
}
function damaged(ctx, digest) {
  ctx.logError = `blob ${digest} in ${ctx.reader.store.storage.location} does not hash to its digest; refused to serve it`;
  return new RegistryError(
    404,
    "BLOB_UNKNOWN",
    `blob ${digest} is damaged in the bucket (its bytes do not match its digest); rebuild the image`,
    {
      detail: { digest }
    }
  );
}
async function signedLocation(ctx, digest) {
  if (!ctx.blobRedirect) return null;
  const storage = ctx.reader.store.storage;
  if (!storage.signedReadUrl) return null;
  return storage.signedReadUrl(blobKey(digest), ctx.blobRedirect.ttlSeconds);
}
function isClientGone(error) {
  const code = error.code;
  return code === "ERR_STREAM_PREMATURE_CLOSE" || code === "ECONNRESET" || code === "EPIPE" || code === "ERR_STREAM_DESTROYED";
}
var HashingMeter = class extends Transform {
  mismatch = false;
  expected;
  hash = createHash6("sha256");
  onBytes;
  onMismatch;
  held = null;
  constructor(expectedDigest, onBytes, onMismatch) {
    super();
    this.expected = expectedDigest;
    this.onBytes = onBytes;
    this.onMismatch = onMismatch;
  }
  _transform(chunk, _encoding, callback) {
    this.hash.update(chunk);
    const previous = this.held;
    this.held = chunk;
    if (previous) this.onBytes(previous.length);
    callback(null, previous ?? void 0);
  }
  _flush(callback) {
    if (`sha256:${this.hash.digest("hex")}` !== this.expected) {
      this.mismatch = true;
      this.onMismatch();
      callback(new Error(`digest mismatch for ${this.expected}`));
      return;
    }
    if (this.held) this.onBytes(this.held.length);
    callback(null, this.held ?? void 0);
  }
};

// src/registry/page-index.ts
function renderIndexPage(model, host, onDemand) {
  const mode = onDemand ? "Images the bucket lacks are built from Nix packages on first pull." : "Read-only: images are built into the bucket by <code>nixery build</code>.";
  const emptyHint = onDemand ? `Pull any name and it is built, e.g. <code>${escapeHtml(pullCommand(host, "shell/hello", "latest"))}</code>.` : "Build some into this bucket with <code>nixery build NAME --out BUCKET</code>.";
  const list = model.total === 0 ? `<p class="empty">No images yet. ${emptyHint}</p>` : renderRepositories(model);
  const body = `<h1>Repositories</h1>
<p class="muted">${plural(model.total, "repository", "repositories")} at <code>${escapeHtml(host)}</code>. ${mode}</p>
${list}
${onDemand ? renderOnDemand(onDemand, host) : ""}`;
  return renderDocument(`nixery registry at ${host}`, host, body);
}
function renderRepositories(model) {
  const filtered = model.query !== "";
  const form = `<form class="filter" method="get" action="/" role="search">
<input class="filter" id="filter" type="search" name="q" value="${escapeHtml(model.query)}" placeholder="filter by name, e.g. hello" aria-label="filter repositories by name">
<button type="submit">Filter</button>
</form>`;
  const counts = [
    `<span id="filter-count">${model.repositories.length}</span> of ${model.total} shown`,
    filtered ? `: those matching <q>${escapeHtml(model.query)}</q> (<a href="/">show all</a>)` : "",
    model.matching > model.repositories.length ? `. ${model.matching - model.repositories.length} more match but are left off: narrow the filter to find them` : ""
  ];
  const rows = model.repositories.map(renderSummary);
  const table = rows.length === 0 ? `<p class="empty">No repository matches <q>${escapeHtml(model.query)}</q>.</p>` : `<div class="scroll"><table class="repositories"><thead><tr><th>repository</th><th class="size">tags</th><th>tag</th><th class="size">size</th><th class="wide">digest</th></tr></thead>
<tbody>${rows.join("\n")}</tbody></table></div>`;
  return `${form}
<p class="muted filter-status">${counts.join("")}.</p>
${table}`;
}
function renderSummary(repo) {
  const size = repo.size === null ? "" : formatBytes(repo.size);
  const digest = repo.digest ? `<code title="${escapeHtml(repo.digest)}">${escapeHtml(shortDigest(repo.digest))}</code>` : "";
  const problem = repo.problem ? ` <span class="problem">unreadable</span>` : "";
  return `<tr data-repository="${escapeHtml(repo.name)}"><td class="name"><a href="${escapeHtml(repositoryPagePath(repo.name))}">${escapeHtml(repo.name)}</a></td><td class="size">${repo.tagCount}</td><td><span class="tag">${escapeHtml(repo.tag)}</span>${problem}</td><td class="size">${size}</td><td class="wide">${digest}</td></tr>`;
}
function renderOnDemand(model, host) {
  const rows = model.builds.map((build) => {
    const outcome = build.state === "failed" ? `<span class="problem">${escapeHtml(build.reason ?? "failed")}</span>` : build.digest ? `<code title="${escapeHtml(build.digest)}">${escapeHtml(shortDigest(build.digest))}</code>${build.nixRan ? "" : ' <span class="muted">(cached manifest, Nix not run)</span>'}` : "";
    return `<tr class="build"><td><code>${escapeHtml(`${build.image}:${build.tag}`)}</code></td><td class="state-${build.state}">${build.state}</td><td><time datetime="${escapeHtml(build.requestedAt)}">${escapeHtml(build.requestedAt.replace("T", " ").replace(/\.\d+Z$/, "Z"))}</time></td><td class="size">${formatDuration(build.queuedSeconds)}</td><td class="size">${formatDuration(build.buildSeconds)}</td><td>${outcome}</td></tr>`;
  });
  const table = rows.length === 0 ? '<p class="muted">No builds since the registry started.</p>' : `<div class="scroll"><table class="builds"><thead><tr><th>image</th><th>state</th><th>requested</th><th class="size">queued</th><th class="size">build</th><th>result</th></tr></thead>
<tbody>${rows.join("\n")}</tbody></table></div>`;
  return `<section class="on-demand">
<h2>Build an image</h2>
<p class="pulling-builds"><strong>Pulling is what builds.</strong> This form does not start a build: it writes the pull command for the
packages you type. Run that command (docker, podman or skopeo) and the registry builds the image while the pull waits,
then serves it; the build shows up under Recent builds (reload the page) and the image in the list above.</p>
<form class="build" id="build-form" data-host="${escapeHtml(host)}">
<label>packages <input name="packages" value="shell hello" size="40" aria-label="packages, separated by spaces"></label>
<label>tag <input name="tag" value="latest" size="12"></label>
</form>
${copyRow("build-pull", "", "pull command that builds the image", ' name="command" form="build-form"')}
<h2>Recent builds</h2>
<p class="muted">${model.running} running, ${model.queued} queued.</p>
${table}
</section>`;
}
function formatDuration(value) {
  return value === null ? "" : formatSeconds(value);
}

// src/registry/page-model.ts
var REVISION_KEY = NixeryKey.nixpkgsRevision;
function isIndexMediaType(mediaType) {
  return mediaType === MediaType.ociIndex || mediaType === MediaType.dockerManifestList;
}
function pullSize(mediaType, manifestBytes) {
  const manifest = parseObject(manifestBytes);
  if (!manifest) return manifestBytes.length;
  return manifestBytes.length + sumSizes(isIndexMediaType(mediaType) ? manifest.manifests : [manifest.config, ...arrayOf(manifest.layers)]);
}
function indexPullSize(indexBytes, platformSizes) {
  return platformSizes.length > 0 ? indexBytes.length + Math.max(...platformSizes) : pullSize(MediaType.ociIndex, indexBytes);
}
function layerDigestsOf(manifestBytes) {
  const manifest = parseObject(manifestBytes);
  return arrayOf(manifest?.layers).filter(isDescriptor).map((layer) => layer.digest);
}
function configDigestOf(manifestBytes) {
  const config = parseObject(manifestBytes)?.config;
  return isDescriptor(config) ? config.digest : null;
}
function indexEntriesOf(indexBytes) {
  const index = parseObject(indexBytes);
  return arrayOf(index?.manifests).filter(isDescriptor).map((entry) => {
    const platform = entry.platform ?? {};
    const parts = [platform.os, platform.architecture, platform.variant].filter((p) => typeof p === "string" && p !== "");
    return { digest: entry.digest, platform: parts.join("/") };
  });
}
function describeImage(digest, tags, mediaType, manifestBytes, configBytes) {
  const image = { digest, tags, mediaType, size: pullSize(mediaType, manifestBytes), ...noDetails(), problem: null };
  const manifest = parseObject(manifestBytes);
  if (!manifest) return { ...image, problem: "the manifest is not valid JSON" };
  image.annotations = stringRecord(manifest.annotations);
  if (isIndexMediaType(mediaType)) {
    return { ...image, manifestCount: arrayOf(manifest.manifests).filter(isDescriptor).length, revision: revisionOf(image) };
  }
  const layers = arrayOf(manifest.layers).filter(isDescriptor);
  const parsedConfig = configBytes ? parseObject(configBytes) : null;
  if (parsedConfig) {
    image.architecture = typeof parsedConfig.architecture === "string" ? parsedConfig.architecture : null;
    image.os = typeof parsedConfig.os === "string" ? parsedConfig.os : null;
    image.created = typeof parsedConfig.created === "string" ? parsedConfig.created : null;
    const inner = parsedConfig.config;
    image.labels = typeof inner === "object" && inner !== null ? stringRecord(inner.Labels) : {};
  }
  image.revision = revisionOf(image);
  const history = arrayOf(parsedConfig?.history).filter(
    (h) => typeof h === "object" && h !== null && h.empty_layer !== true
  );
  const historyFits = history.length === layers.length;
  image.layers = layers.map((layer, i) => {
    const createdBy = historyFits ? history[i].created_by : void 0;
    const storePaths = storePathsOf(createdBy);
    return {
      digest: layer.digest,
      size: layer.size,
      mediaType: layer.mediaType,
      storePaths: storePaths ?? [],
      description: storePaths ? null : typeof createdBy === "string" && createdBy !== "" ? createdBy : null,
      sharedWith: []
    };
  });
  if (!configBytes) image.problem = "the image config is missing or damaged in the bucket";
  else if (!parsedConfig) image.problem = "the image config is not valid JSON";
  return image;
}
function unreadableImage(tag, problem) {
  return { digest: null, tags: tag === "" ? [] : [tag], mediaType: "", size: 0, ...noDetails(), problem };
}
function noDetails() {
  return { architecture: null, os: null, created: null, revision: null, labels: {}, annotations: {}, layers: null, manifestCount: null };
}
function summaryTag(tags) {
  if (tags.includes("latest")) return "latest";
  return [...tags].sort((a, b) => a.localeCompare(b, "en", { numeric: true }) || (a < b ? -1 : a > b ? 1 : 0)).at(-1) ?? "";
}
function filterTerms(query) {
  return query.toLowerCase().split(/[\s,/]+/).filter((term) => term !== "");
}
function matchesFilter(name, terms) {
  return terms.every((term) => name.includes(term));
}
function revisionOf(image) {
  return image.labels[REVISION_KEY] || image.annotations[REVISION_KEY] || null;
}
function sumSizes(values) {
  return arrayOf(values).filter(isDescriptor).reduce((sum, d) => sum + d.size, 0);
}
function arrayOf(value) {
  return Array.isArray(value) ? value : [];
}
function stringRecord(value) {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return {};
  return Object.fromEntries(Object.entries(value).filter((entry) => typeof entry[1] === "string"));
}
function parseObject(bytes) {
  try {
    const value = JSON.parse(bytes.toString("utf8"));
    return typeof value === "object" && value !== null && !Array.isArray(value) ? value : null;
  } catch {
    return null;
  }
}

// src/registry/routes/index-page.ts
var MAX_INDEX_ROWS = 500;
var MAX_QUERY_LENGTH = 200;
var READS_AT_ONCE = 16;
var IndexPage = class {
  reader;
  summaries;
  constructor(reader, cacheTtlMs) {
    this.reader = reader;
    this.summaries = new TtlCache(cacheTtlMs);
  }
  async serve(ctx) {
    const model = await this.gather(ctx.url.searchParams.get("q") ?? "");
    const onDemand = ctx.onDemand ? { ...ctx.onDemand.activity, builds: ctx.onDemand.recentBuilds() } : void 0;
    const html = renderIndexPage(model, requestHost(ctx.request), onDemand);
    sendBody(ctx, 200, Buffer.from(html), { ...PAGE_HEADERS });
  }
  /** The repositories matching the filter, each summarised by one tag; an unreadable tag is shown with its problem. */
  async gather(rawQuery) {
    const query = rawQuery.trim().slice(0, MAX_QUERY_LENGTH);
    const terms = filterTerms(query);
    const tagsByRepository = await this.reader.tagsByRepository();
    const names = [...tagsByRepository.keys()];
    const matching = names.filter((name) => matchesFilter(name, terms));
    const limit = pLimit(READS_AT_ONCE);
    const lines = await Promise.all(
      matching.slice(0, MAX_INDEX_ROWS).map((name) => limit(() => this.summaries.get(name, () => this.summarise(name, tagsByRepository.get(name)))))
    );
    return {
      repositories: lines,
      total: names.length,
      matching: matching.length,
      query
    };
  }
  /** A first pull's size; for an index, the index and its largest platform (platforms that cannot be read are left out). */
  async size(name, manifest) {
    if (!isIndexMediaType(manifest.mediaType)) return pullSize(manifest.mediaType, manifest.bytes);
    const platforms2 = await Promise.all(
      indexEntriesOf(manifest.bytes).map(
        (entry) => this.reader.manifest(name, entry.digest).then(
          (child) => pullSize(child.mediaType, child.bytes),
          (error) => {
            if (error instanceof RegistryError) return null;
            throw error;
          }
        )
      )
    );
    return indexPullSize(
      manifest.bytes,
      platforms2.filter((size) => size !== null)
    );
  }
  async summarise(name, tags) {
    const tag = summaryTag(tags);
    const line = { name, tagCount: tags.length, tag, digest: null, size: null, problem: null };
    try {
      const manifest = await this.reader.manifest(name, tag);
      return { ...line, digest: manifest.digest, size: await this.size(name, manifest) };
    } catch (error) {
      if (!(error instanceof RegistryError)) throw error;
      return { ...line, problem: error.message };
    }
  }
};

// src/registry/routes/listings.ts
async function serveTags(ctx, rawName) {
  const name = ctx.reader.canonicalName(rawName);
  const tags = await ctx.reader.tags(name);
  const page = paginate(tags, ctx.url.searchParams);
  const headers = page.next ? { Link: nextLink(`/v2/${rawName}/tags/list`, page.n, page.next) } : {};
  sendJson(ctx, 200, { name: rawName, tags: page.items }, headers);
}
async function serveCatalog(ctx) {
  const repositories = await ctx.reader.repositories();
  const page = paginate(repositories, ctx.url.searchParams);
  const headers = page.next ? { Link: nextLink("/v2/_catalog", page.n, page.next) } : {};
  sendJson(ctx, 200, { repositories: page.items }, headers);
}
var MAX_PAGE_SIZE = 1e4;
function paginate(sorted, params) {
  const rawN = params.get("n");
  const last = params.get("last");
  let n;
  if (rawN !== null) {
    if (!/^\d{1,9}$/.test(rawN)) {
      throw new RegistryError(
        400,
        "PAGINATION_NUMBER_INVALID",
        `n="${rawN.slice(0, 20)}" must be a whole number from 0 to ${MAX_PAGE_SIZE}`
      );
    }
    n = Math.min(Number(rawN), MAX_PAGE_SIZE);
  }
  const after = last === null ? sorted : sorted.filter((item) => compareStrings(item, last) > 0);
  if (n === void 0) return { items: [...after], n, next: void 0 };
  const items = after.slice(0, n);
  const more = after.length > n && n > 0;
  return { items, n, next: more ? items[items.length - 1] : void 0 };
}
function nextLink(path5, n, last) {
  return `<${path5}?n=${n}&last=${encodeURIComponent(last)}>; rel="next"`;
}

// src/registry/accept.ts
function acceptsMediaType(header, mediaType) {
  if (header === void 0 || header.trim() === "") return true;
  const [type = ""] = mediaType.toLowerCase().split("/");
  let sawAny = false;
  for (const entry of header.split(",")) {
    const [rawRange = "", ...params] = entry.split(";");
    const range = rawRange.trim().toLowerCase();
    if (range === "") continue;
    sawAny = true;
    if (params.some((p) => /^\s*q\s*=\s*0(?:\.0{0,3})?\s*$/i.test(p))) continue;
    if (range === "*/*" || range === mediaType.toLowerCase() || range === `${type}/*`) return true;
  }
  return !sawAny;
}

// src/registry/routes/manifests.ts
async function serveManifest(ctx, rawName, reference) {
  const name = ctx.reader.canonicalName(rawName);
  const manifest = await readOrBuild(ctx, name, reference);
  const byDigest = reference.includes(":");
  if (!byDigest && !acceptsMediaType(ctx.request.headers.accept, manifest.mediaType)) {
    throw manifestUnknown(name, reference, `is stored as ${manifest.mediaType}, which this client's Accept header does not include`);
  }
  const etag = `"${manifest.digest}"`;
  const headers = {
    "Content-Type": manifest.mediaType,
    "Docker-Content-Digest": manifest.digest,
    ETag: etag,
    // Tags move when CI rebuilds; digests never change.
    "Cache-Control": byDigest ? IMMUTABLE_CACHE_CONTROL : "no-cache"
  };
  if (notModified(ctx, etag, headers)) return;
  sendBody(ctx, 200, manifest.bytes, headers);
}
async function readOrBuild(ctx, name, reference) {
  try {
    return await ctx.reader.manifest(name, reference);
  } catch (error) {
    const missing = error instanceof RegistryError && (error.code === "MANIFEST_UNKNOWN" || error.code === "NAME_UNKNOWN") && error.status === 404;
    if (!ctx.onDemand || !missing || reference.includes(":")) throw error;
  }
  const socket = ctx.request.socket;
  const idleTimeout = socket.timeout;
  socket.setTimeout(0);
  try {
    await ctx.onDemand.build(name, reference);
  } finally {
    if (!socket.destroyed && idleTimeout) socket.setTimeout(idleTimeout);
  }
  ctx.reader.forgetTag(name, reference);
  return ctx.reader.manifest(name, reference);
}

// src/registry/routes/referrers.ts
async function serveReferrers(ctx, rawName, digest) {
  const name = ctx.reader.canonicalName(rawName);
  validDigest(digest);
  await ctx.reader.tags(name);
  const artifactType = ctx.url.searchParams.get("artifactType");
  const referrers = await ctx.reader.store.listReferrers(digest);
  const listed = artifactType === null ? referrers : referrers.filter((r) => r.artifactType === artifactType);
  sendBody(ctx, 200, serializeReferrersIndex(listed), {
    "Content-Type": MediaType.ociIndex,
    ...artifactType === null ? {} : { "OCI-Filters-Applied": "artifactType" }
  });
}

// src/registry/layer-sharing.ts
var MAX_SHARING_TAGS = 2e3;
var READS_AT_ONCE2 = 16;
var LayerSharing = class {
  reader;
  index;
  constructor(reader, cacheTtlMs) {
    this.reader = reader;
    this.index = new TtlCache(cacheTtlMs, 1);
  }
  get() {
    return this.index.get("", () => this.gather());
  }
  /** Other images holding `layer` than `manifest` in `repository` (the image being shown). */
  static sharedWith(index, layer, repository, manifest) {
    return (index.holders.get(layer) ?? []).filter((holder) => holder.repository !== repository || holder.manifest !== manifest).map(({ repository: name, tag, platform }) => ({ repository: name, tag, platform }));
  }
  async gather() {
    const limit = pLimit(READS_AT_ONCE2);
    const tagged = [];
    for (const [repository, tags] of await this.reader.tagsByRepository()) {
      for (const tag of tags) tagged.push({ repository, tag });
    }
    const read = tagged.slice(0, MAX_SHARING_TAGS);
    const manifests = await Promise.all(read.map(({ repository, tag }) => limit(() => this.manifest(repository, tag))));
    const holders = /* @__PURE__ */ new Map();
    const seen = /* @__PURE__ */ new Set();
    for (const [i, manifest] of manifests.entries()) {
      const { repository, tag } = read[i];
      if (!manifest || seen.has(`${repository}@${manifest.digest}`)) continue;
      seen.add(`${repository}@${manifest.digest}`);
      if (!isIndexMediaType(manifest.mediaType)) {
        add2(holders, layerDigestsOf(manifest.bytes), { repository, tag, platform: null, manifest: manifest.digest });
        continue;
      }
      const platforms2 = indexEntriesOf(manifest.bytes);
      const children = await Promise.all(platforms2.map((entry) => limit(() => this.manifest(repository, entry.digest))));
      for (const [j, child] of children.entries()) {
        if (child)
          add2(holders, layerDigestsOf(child.bytes), { repository, tag, platform: platforms2[j].platform || null, manifest: child.digest });
      }
    }
    return { holders, complete: read.length === tagged.length };
  }
  /** A tag's or digest's manifest; null when it cannot be read (the repository page shows that problem itself). */
  async manifest(repository, reference) {
    try {
      return await this.reader.manifest(repository, reference);
    } catch (error) {
      if (error instanceof RegistryError) return null;
      throw error;
    }
  }
};
function add2(holders, layers, holder) {
  for (const layer of new Set(layers)) {
    const list = holders.get(layer);
    if (list) list.push(holder);
    else holders.set(layer, [holder]);
  }
}

// src/registry/page-repository.ts
var MAX_SHARING_NAMES = 8;
function renderRepositoryPage(model, host) {
  const ids = { next: 0 };
  const readable = model.images.filter((image) => image.digest !== null);
  const tagCount = model.images.reduce((sum, image) => sum + image.tags.length, 0);
  const notes = [
    model.omittedTags > 0 ? `${model.omittedTags} more tags are not shown; list them with <code>/v2/${escapeHtml(model.name)}/tags/list</code>.` : "",
    model.sharingComplete ? "" : "The bucket holds more tags than this page reads, so layer sharing may be undercounted."
  ].filter(Boolean);
  const body = `<h1 class="repository">${escapeHtml(model.name)}</h1>
<p class="muted">${plural(tagCount, "tag", "tags")} in ${plural(readable.length, "image", "images")}. <a href="/">All repositories</a></p>
${model.images.map((image) => renderImage(model.name, image, host, ids)).join("\n")}
${notes.map((note) => `<p class="muted">${note}</p>`).join("\n")}`;
  return renderDocument(`${model.name}: nixery registry at ${host}`, host, body);
}
function renderImage(repository, image, host, ids) {
  const tags = `<div class="tags">${image.tags.map((tag) => `<span class="tag">${escapeHtml(tag)}</span>`).join("")}</div>`;
  if (image.digest === null) {
    return `<article class="image unreadable">
${tags}
<p class="problem">${escapeHtml(image.problem ?? "this tag cannot be read")}</p>
</article>`;
  }
  const pulls = [
    ...image.tags.map((tag) => copyRow(`pull-${ids.next++}`, pullCommand(host, repository, tag), `pull command for ${tag}`)),
    copyRow(`pull-${ids.next++}`, pullByDigestCommand(host, repository, image.digest), "pull command by digest")
  ];
  return `<article class="image" data-digest="${escapeHtml(image.digest)}">
${tags}
${renderFacts(image)}
<h3>Pull</h3>
<div class="pulls">${pulls.join("\n")}</div>
${image.problem ? `<p class="problem">${escapeHtml(image.problem)}</p>` : ""}
${renderKeyValues("Labels", "labels", image.labels)}
${renderKeyValues("Annotations", "annotations", image.annotations)}
${image.layers ? renderLayers(image.layers) : ""}
${(image.platforms ?? []).map((platform) => renderPlatform(repository, platform, host, ids)).join("\n")}
</article>`;
}
function renderFacts(image) {
  const facts = [
    ["digest", `<code class="digest">${escapeHtml(image.digest ?? "")}</code>`],
    ["size", `<span class="size">${formatBytes(image.size)}</span> <span class="muted">(compressed, what a first pull downloads)</span>`]
  ];
  if (image.architecture || image.os) facts.push(["platform", escapeHtml(platformOf2(image))]);
  if (image.created) {
    const fixed = image.created === IMAGE_CREATED ? ' <span class="muted">(fixed, so equal inputs give equal digests)</span>' : "";
    facts.push(["created", `<time class="created">${escapeHtml(image.created)}</time>${fixed}`]);
  }
  if (image.revision) facts.push(["package set revision", `<code class="revision">${escapeHtml(image.revision)}</code>`]);
  facts.push(["media type", `<code>${escapeHtml(image.mediaType)}</code>`]);
  if (image.manifestCount !== null) facts.push(["manifests", String(image.manifestCount)]);
  if (image.platforms?.length) facts.push(["platforms", escapeHtml(image.platforms.map(platformOf2).join(", "))]);
  return `<dl>${facts.map(([term, value]) => `<dt>${term}</dt><dd>${value}</dd>`).join("")}</dl>`;
}
function renderPlatform(repository, image, host, ids) {
  const pull = image.digest ? copyRow(`pull-${ids.next++}`, pullByDigestCommand(host, repository, image.digest), `pull command for ${platformOf2(image)}`) : "";
  return `<section class="platform" data-platform="${escapeHtml(platformOf2(image))}">
<h3>${escapeHtml(platformOf2(image))}</h3>
${renderFacts(image)}
${pull}
${image.problem ? `<p class="problem">${escapeHtml(image.problem)}</p>` : ""}
${image.layers ? renderLayers(image.layers) : ""}
</section>`;
}
function renderKeyValues(title, className, values) {
  const entries = Object.entries(values);
  if (entries.length === 0) return "";
  return `<details class="${className}"${className === "labels" ? " open" : ""}><summary>${title} (${entries.length})</summary>
<dl>${entries.map(([key, value]) => `<dt><code>${escapeHtml(key)}</code></dt><dd>${escapeHtml(value)}</dd>`).join("")}</dl>
</details>`;
}
function renderLayers(layers) {
  const rows = layers.map((layer, i) => {
    const contents = layer.storePaths.length > 0 ? layer.storePaths.map((p) => `<code>${escapeHtml(p)}</code>`).join("") : `<span class="muted">${escapeHtml(layer.description ?? "no history entry")}</span>`;
    return `<tr class="layer"><td class="wide">${i + 1}</td><td class="size">${formatBytes(layer.size)}</td><td><code title="${escapeHtml(layer.digest)}">${escapeHtml(shortDigest(layer.digest))}</code></td><td class="paths">${contents}</td><td class="shared">${renderSharing(layer.sharedWith)}</td></tr>`;
  });
  const total = layers.reduce((sum, layer) => sum + layer.size, 0);
  const shared2 = layers.filter((layer) => layer.sharedWith.length > 0).length;
  return `<h3>${plural(layers.length, "layer", "layers")}, ${formatBytes(total)}; ${shared2} shared with other images</h3>
<div class="scroll"><table class="layers"><thead><tr><th class="wide">#</th><th class="size">size</th><th>digest</th><th>store paths</th><th>shared with</th></tr></thead>
<tbody>${rows.join("\n")}</tbody></table></div>`;
}
function renderSharing(images) {
  if (images.length === 0) return '<span class="muted">no other image</span>';
  const named = images.slice(0, MAX_SHARING_NAMES).map((image) => {
    const label = `${image.repository}:${image.tag}${image.platform ? ` (${image.platform})` : ""}`;
    return `<a href="${escapeHtml(repositoryPagePath(image.repository))}">${escapeHtml(label)}</a>`;
  });
  const more = images.length > MAX_SHARING_NAMES ? `<span class="muted">and ${images.length - MAX_SHARING_NAMES} more</span>` : "";
  return `<span class="count">${plural(images.length, "image", "images")}</span>${named.join("")}${more}`;
}
function platformOf2(image) {
  return [image.os, image.architecture].filter(Boolean).join("/") || "unknown platform";
}

// src/registry/routes/repository-page.ts
var MAX_REPOSITORY_TAGS = 200;
var READS_AT_ONCE3 = 8;
var RepositoryPage = class {
  reader;
  models;
  sharing;
  constructor(reader, cacheTtlMs) {
    this.reader = reader;
    this.models = new TtlCache(cacheTtlMs, 1e3);
    this.sharing = new LayerSharing(reader, cacheTtlMs);
  }
  async serve(ctx, rawName) {
    const name = this.reader.canonicalName(rawName);
    const model = await this.models.get(name, () => this.gather(name));
    const html = renderRepositoryPage(model, requestHost(ctx.request));
    sendBody(ctx, 200, Buffer.from(html), { ...PAGE_HEADERS });
  }
  /** Reads the repository into the page model; 404 NAME_UNKNOWN when it has no tags. */
  async gather(name) {
    const tags = await this.reader.tags(name);
    const shown = tags.slice(0, MAX_REPOSITORY_TAGS);
    const images = await this.images(name, shown);
    const index = await this.sharing.get();
    for (const image of images) {
      for (const part of [image, ...image.platforms ?? []]) {
        for (const layer of part.layers ?? []) layer.sharedWith = LayerSharing.sharedWith(index, layer.digest, name, part.digest);
      }
    }
    return { name, images, omittedTags: tags.length - shown.length, sharingComplete: index.complete };
  }
  /** Tags that point at the same manifest become one image, in the order of their first tag. */
  async images(name, tags) {
    const limit = pLimit(READS_AT_ONCE3);
    const manifests = await Promise.all(tags.map((tag) => limit(() => this.manifest(name, tag))));
    const byDigest = /* @__PURE__ */ new Map();
    const problems = [];
    for (const [i, manifest] of manifests.entries()) {
      const tag = tags[i];
      if (typeof manifest === "string") {
        problems.push(unreadableImage(tag, manifest));
        continue;
      }
      const known = byDigest.get(manifest.digest);
      if (known) known.tags.push(tag);
      else byDigest.set(manifest.digest, await this.describe(name, manifest, [tag]));
    }
    return [...byDigest.values(), ...problems];
  }
  async describe(name, manifest, tags) {
    const configDigest = configDigestOf(manifest.bytes);
    const config = configDigest ? await this.reader.verifiedSmallBlob(configDigest).catch(() => null) : null;
    const image = describeImage(manifest.digest, tags, manifest.mediaType, manifest.bytes, config);
    if (image.manifestCount !== null) {
      image.platforms = await Promise.all(indexEntriesOf(manifest.bytes).map((entry) => this.platform(name, entry)));
      image.size = indexPullSize(
        manifest.bytes,
        image.platforms.filter((p) => p.layers !== null).map((p) => p.size)
      );
    }
    return image;
  }
  /** One platform of an index, named as the index names it; a missing manifest is shown with its problem. */
  async platform(name, entry) {
    const [os3, ...arch] = entry.platform.split("/");
    const named = { os: os3 || null, architecture: arch.join("/") || null };
    const manifest = await this.manifest(name, entry.digest);
    if (typeof manifest === "string") return { ...unreadableImage("", manifest), digest: entry.digest, ...named };
    return { ...await this.describe(name, manifest, []), ...named };
  }
  /** The manifest, or why it cannot be read. */
  async manifest(name, reference) {
    try {
      return await this.reader.manifest(name, reference);
    } catch (error) {
      if (error instanceof RegistryError) return error.message;
      throw error;
    }
  }
};

// src/registry/routes/service.ts
function serveBase(ctx) {
  sendJson(ctx, 200, {});
}
function serveHealth(ctx) {
  sendJson(ctx, 200, { status: "ok" });
}
async function serveToken(ctx, auth) {
  if (!auth?.enabled) {
    sendJson(ctx, 200, { token: "anonymous", access_token: "anonymous", expires_in: 3600 });
    return;
  }
  sendJson(ctx, 200, await auth.issueToken(ctx.request), { "Cache-Control": "no-store" });
}

// src/registry/server.ts
var DEFAULT_LIMITS = {
  headersTimeoutMs: 1e4,
  requestTimeoutMs: 3e4,
  idleTimeoutMs: 12e4,
  keepAliveTimeoutMs: 5e3,
  maxHeaderBytes: 16 * 1024,
  maxUrlLength: 4096,
  maxInFlight: 1024,
  shutdownGraceMs: 1e4
};
var RegistryServer = class {
  http;
  log;
  reader;
  indexPage;
  repositoryPage;
  auth;
  limits;
  blobRedirect;
  onDemand;
  inFlight = 0;
  drained = /* @__PURE__ */ new Set();
  closing = null;
  constructor(options) {
    this.limits = { ...DEFAULT_LIMITS, ...options.limits };
    this.log = options.log ?? new RegistryLog();
    const cacheTtlMs = options.cacheTtlMs ?? DEFAULT_CACHE_TTL_MS;
    this.reader = new ImageReader(options.store, {
      cacheTtlMs,
      onWarning: (message) => this.log.event("bucket warning", { warning: message })
    });
    this.indexPage = new IndexPage(this.reader, cacheTtlMs);
    this.repositoryPage = new RepositoryPage(this.reader, cacheTtlMs);
    this.auth = options.auth?.enabled ? options.auth : null;
    this.blobRedirect = options.blobRedirect ?? null;
    this.onDemand = options.onDemand ?? null;
    this.http = createServer(
      {
        maxHeaderSize: this.limits.maxHeaderBytes,
        headersTimeout: this.limits.headersTimeoutMs,
        requestTimeout: this.limits.requestTimeoutMs,
        keepAliveTimeout: this.limits.keepAliveTimeoutMs,
        connectionsCheckingInterval: Math.min(1e3, this.limits.headersTimeoutMs)
      },
      (request, response) => void this.handle(request, response)
    );
    this.http.setTimeout(this.limits.idleTimeoutMs);
    this.http.on("clientError", (error, socket) => {
      if (socket.writable && !socket.destroyed) {
        const status = error.code === "HPE_HEADER_OVERFLOW" ? "431 Request Header Fields Too Large" : error.code === "ERR_HTTP_REQUEST_TIMEOUT" ? "408 Request Timeout" : "400 Bad Request";
        socket.end(`HTTP/1.1 ${status}\r
Connection: close\r
Content-Length: 0\r
\r
`);
      } else {
        socket.destroy();
      }
    });
    this.http.on("connect", (request, socket) => this.refuseConnect(request, socket));
  }
  refuseConnect(request, socket) {
    const body = writeUnsupported("CONNECT").body();
    socket.on("error", () => {
    });
    const head = [
      "HTTP/1.1 405 Method Not Allowed",
      ...Object.entries(API_VERSION_HEADER).map(([key, value]) => `${key}: ${value}`),
      "Allow: GET, HEAD",
      "Content-Type: application/json",
      `Content-Length: ${Buffer.byteLength(body)}`,
      "Connection: close"
    ];
    socket.end(`${head.join("\r\n")}\r
\r
${body}`);
    this.log.request({ method: "CONNECT", path: truncate(request.url ?? "", 256), status: 405, bytes: Buffer.byteLength(body), ms: 0 });
  }
  listen(port, host) {
    return new Promise((resolve, reject) => {
      this.http.once("error", reject);
      this.http.listen(port, host, () => {
        this.http.off("error", reject);
        const address = this.http.address();
        const shownHost = address.family === "IPv6" ? `[${address.address}]` : address.address;
        const listening = { host: address.address, port: address.port, url: `http://${shownHost}:${address.port}` };
        this.auth?.useListeningAddress(listening);
        resolve(listening);
      });
    });
  }
  /** Stops accepting connections, lets running responses finish for up to shutdownGraceMs, then cuts the rest. */
  close() {
    this.closing ??= (async () => {
      const closed = new Promise((resolve) => this.http.close(() => resolve()));
      const buildsStopped = this.onDemand?.close();
      this.http.closeIdleConnections();
      if (this.inFlight > 0) {
        let timer;
        await Promise.race([
          new Promise((resolve) => this.drained.add(resolve)),
          new Promise((resolve) => timer = setTimeout(resolve, this.limits.shutdownGraceMs))
        ]);
        clearTimeout(timer);
      }
      this.http.closeAllConnections();
      await buildsStopped;
      await closed;
      await this.auth?.close();
    })();
    return this.closing;
  }
  async handle(request, response) {
    const started = process.hrtime.bigint();
    const rawUrl = request.url ?? "/";
    const ctx = {
      request,
      response,
      url: new URL("http://registry.invalid/"),
      head: request.method === "HEAD",
      reader: this.reader,
      log: this.log,
      blobRedirect: this.blobRedirect,
      bytesSent: 0,
      ...this.onDemand ? { onDemand: this.onDemand } : {}
    };
    let user;
    let route = null;
    this.inFlight++;
    response.on("close", () => {
      this.inFlight--;
      this.log.request({
        method: truncate(request.method ?? "?", 16),
        path: truncate(rawUrl, 256),
        status: response.statusCode,
        bytes: ctx.bytesSent,
        ms: Number((process.hrtime.bigint() - started) / 1000n) / 1e3,
        ...user ? { user } : {},
        ...response.writableFinished ? {} : { aborted: true },
        ...ctx.logError ? { error: ctx.logError } : {}
      });
      if (this.inFlight === 0) for (const resolve of this.drained) resolve();
    });
    response.on("error", () => {
    });
    try {
      for (const [key, value] of Object.entries(API_VERSION_HEADER)) response.setHeader(key, value);
      if (this.closing) response.setHeader("Connection", "close");
      if (this.inFlight > this.limits.maxInFlight) throw tooManyRequests(1);
      if (rawUrl.length > this.limits.maxUrlLength) {
        throw new RegistryError(
          414,
          "NAME_INVALID",
          `request URL is ${rawUrl.length} characters long; the limit is ${this.limits.maxUrlLength}`
        );
      }
      ctx.url = parseTarget(rawUrl);
      route = routeOf(ctx.url.pathname);
      if (route.kind === "healthz") {
        if (!methodAllowed(ctx)) throw writeUnsupported(request.method ?? "?");
        return serveHealth(ctx);
      }
      if (route.kind === "unknown") {
        throw new RegistryError(404, "NOT_FOUND", `no such endpoint: ${truncate(ctx.url.pathname)} (this is a registry: see /v2/)`);
      }
      if (!methodAllowed(ctx)) throw writeUnsupported(request.method ?? "?");
      if (route.kind === "token") return await serveToken(ctx, this.auth);
      if (this.auth) user = (await this.auth.authenticate(request, isPageRoute(route) ? "Basic" : void 0)).user;
      await this.dispatch(ctx, route);
    } catch (error) {
      this.fail(ctx, error, route !== null && isPageRoute(route));
    }
  }
  async dispatch(ctx, route) {
    switch (route.kind) {
      case "base":
        return serveBase(ctx);
      case "page":
        return this.indexPage.serve(ctx);
      case "repository-page":
        return this.repositoryPage.serve(ctx, route.name);
      case "catalog":
        return serveCatalog(ctx);
      case "manifest":
        return serveManifest(ctx, route.name, route.reference);
      case "blob":
        return serveBlob(ctx, route.name, route.digest);
      case "tags":
        return serveTags(ctx, route.name);
      case "referrers":
        return serveReferrers(ctx, route.name, route.digest);
      case "upload":
        throw new RegistryError(404, "BLOB_UNKNOWN", "there are no uploads: this registry is read-only");
      default:
        throw new RegistryError(404, "NOT_FOUND", "no such endpoint");
    }
  }
  /** Errors go out as the spec's JSON, or as an HTML page when a person asked for a page. */
  fail(ctx, error, asPage = false) {
    const registryError = error instanceof RegistryError ? error : new RegistryError(500, "UNKNOWN", "internal error reading the bucket; see the server log");
    if (!(error instanceof RegistryError)) {
      ctx.logError = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    }
    if (ctx.response.headersSent) {
      ctx.response.destroy();
      return;
    }
    if (asPage) this.sendErrorPage(ctx, registryError);
    else sendError(ctx, registryError);
  }
  /**
   * A page's error as HTML, with the error's status and headers. Without valid credentials that is the sign-in
   * page: the Basic challenge makes the browser ask for them, and the body says how to log in (no image names).
   */
  sendErrorPage(ctx, error) {
    const host = requestHost(ctx.request);
    const html = error.status === 401 && this.auth ? renderSignInPage(host, this.auth.credentialKinds, error.message) : renderErrorPage(host, error.status, error.message);
    sendBody(ctx, error.status, Buffer.from(html), { ...PAGE_HEADERS, ...error.headers });
  }
};
function parseTarget(raw) {
  if (!raw.startsWith("/") || raw.startsWith("//")) {
    throw new RegistryError(400, "NAME_INVALID", `request target "${truncate(raw)}" must be a path starting with "/"`);
  }
  try {
    return new URL(raw, "http://registry.invalid");
  } catch {
    throw new RegistryError(400, "NAME_INVALID", `request target "${truncate(raw)}" is not a valid URL`);
  }
}

// src/cli/serve-command.ts
var REDIRECT_TTL_SECONDS = 300;
var SERVE_USAGE = `Usage: nixery serve --storage BUCKET [options]

Serves the images in BUCKET read-only over the OCI distribution API (docker, podman, skopeo, containerd pull
from it). Without --build it never builds and never writes to the bucket. Logs one JSON line per request on stdout.

  --storage, -s BUCKET    the bucket to serve, filled by "nixery build": a local folder, gs://BUCKET/PREFIX
                          or s3://BUCKET/PREFIX (--out, -o is the same flag)
  --port, -p N            port to listen on (default: PORT, else ${DEFAULT_PORT}; 0 picks a free one)
  --host ADDRESS          address to bind (default ${DEFAULT_HOST}; 127.0.0.1 keeps it local)
  --htpasswd FILE         require Basic auth for these users (bcrypt entries: htpasswd -B)
  --token-file FILE       accept these bearer tokens, one per line (also NIXERY_REGISTRY_TOKENS, comma-separated)
  --public-url URL        URL clients reach this registry at, for the token challenge (default: the address
                          it listens on, or with a wildcard --host the local address a client connected to;
                          never the request's Host header: set it behind a proxy)
  --cache-ttl SECONDS     how long tag lookups and tag lists are reused (default ${DEFAULT_CACHE_TTL_MS / 1e3})
  --redirect-blobs        send blob downloads to short-lived signed URLs where the bucket supports them
${S3_USAGE}

On-demand builds (Nixery's mode): pulling a name:tag the bucket lacks builds it, stores it and serves it.
  --build                 turn on-demand builds on (off by default: the registry stays read-only)
  --nixpkgs COMMIT        package set: nixpkgs at a pinned 40-hex commit (--nixpkgs-sha256 HASH optional)
  --channel NAME          package set: a Nix channel (default NIXERY_CHANNEL, else ${DEFAULT_CHANNEL})
  --pkgs-repo URL         package set: a git repository; the tag selects branch, tag or commit (NIXERY_PKGS_REPO)
  --pkgs-path PATH        package set: a local folder with a default.nix (NIXERY_PKGS_PATH)
  --flake REF             package set: a flake's packages, legacyPackages and nixpkgs input
  --allow-nixpkgs-tags    with --nixpkgs or --channel: a 40-hex tag builds from that nixpkgs commit
  --timeout SECONDS       limit for Nix evaluation and build (default NIX_TIMEOUT or ${DEFAULT_TIMEOUT_SECONDS})
  --max-builds N          builds at once (default ${DEFAULT_MAX_CONCURRENT_BUILDS})
  --build-queue N         builds waiting for a slot; past it clients get 429 (default ${DEFAULT_MAX_QUEUED_BUILDS})
  --budget N              most store layers per image (default as nixery build)
  --compression KIND      gzip (default), zstd or none

Nixery's variables work too (flags win): NIXERY_STORAGE_BACKEND=filesystem with STORAGE_PATH, or
NIXERY_STORAGE_BACKEND=gcs with GCS_BUCKET, stand in for --storage; PORT; NIX_TIMEOUT.

Stops gracefully on SIGTERM or SIGINT: running downloads get a few seconds to finish.`;
async function serveCommand(args) {
  const { values, positionals } = parseCommandArgs({
    args,
    allowPositionals: true,
    strict: true,
    options: {
      ...BUCKET_OPTIONS,
      port: { type: "string", short: "p" },
      host: { type: "string" },
      htpasswd: { type: "string" },
      "token-file": { type: "string" },
      "public-url": { type: "string" },
      "cache-ttl": { type: "string" },
      "redirect-blobs": { type: "boolean", default: false },
      ...S3_OPTIONS,
      build: { type: "boolean", default: false },
      ...SOURCE_OPTIONS,
      "allow-nixpkgs-tags": { type: "boolean", default: false },
      timeout: { type: "string" },
      "max-builds": { type: "string" },
      "build-queue": { type: "string" },
      budget: { type: "string" },
      compression: { type: "string" }
    }
  });
  if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  const bucket = bucketFlag(values);
  const settings = readServeSettings(
    { ...values, ...bucket !== void 0 ? { storage: bucket } : {} },
    process.env,
    STORAGE_LOCATION_HELP
  );
  const storage = await openStorage(settings.storage, { s3: s3Settings(values) });
  if (storage.local) {
    if (values.build) await mkdir2(storage.local.folder, { recursive: true });
    else await requireFolder(storage.local.folder);
  }
  const log = new RegistryLog();
  for (const warning of unusedNixeryEnv(process.env)) log.event("warning", { warning });
  const store = new ImageStore(storage);
  const onDemand = settings.onDemand ? onDemandBuilder(settings.onDemand, store, log) : void 0;
  const auth = new Authenticator({
    users: settings.htpasswdFile ? await readUsers(settings.htpasswdFile) : /* @__PURE__ */ new Map(),
    tokens: await readTokens(settings.tokenFile, process.env),
    ...settings.publicUrl ? { publicUrl: settings.publicUrl } : {}
  });
  const server = new RegistryServer({
    store,
    auth,
    log,
    ...onDemand ? { onDemand } : {},
    cacheTtlMs: settings.cacheTtlMs,
    ...settings.redirectBlobs ? { blobRedirect: { ttlSeconds: REDIRECT_TTL_SECONDS } } : {}
  });
  const stopped = new Promise((resolve) => {
    const stop = (signal) => {
      process.off("SIGTERM", stop);
      process.off("SIGINT", stop);
      log.event("shutting down", { signal });
      void server.close().then(() => {
        log.event("stopped");
        resolve();
      });
    };
    process.on("SIGTERM", stop);
    process.on("SIGINT", stop);
  });
  const address = await server.listen(settings.port, settings.host).catch((error) => {
    throw new Error(`cannot listen on ${settings.host}:${settings.port}: ${error.code ?? error.message}`);
  });
  if (!await storage.stat(OCI_LAYOUT_KEY)) {
    const hint = values.build ? "images appear as clients pull them" : 'images appear once "nixery build --storage" writes them';
    log.event("bucket is empty so far", { storage: storage.location, hint });
  }
  const ignoredSource = values.build ? void 0 : sourceFromEnvName(process.env);
  if (ignoredSource) log.event(`${ignoredSource} is set but --build is not: serving read-only, nothing is built`);
  log.event("listening", {
    url: address.url,
    port: address.port,
    storage: storage.location,
    auth: auth.enabled,
    build: values.build,
    ...onDemand ? { source: describeSource(onDemand.source) } : {}
  });
  await stopped;
}
function onDemandBuilder(settings, store, log) {
  return new OnDemandBuilder({ ...settings, store, destination: bucketDestination(store.storage), log });
}
async function readUsers(file) {
  const users = parseHtpasswd(await readOption("--htpasswd", file), file);
  if (users.size === 0) throw new UsageError(`--htpasswd ${file} holds no users; add some with "htpasswd -B ${file} USER"`);
  return users;
}
async function readTokens(file, env) {
  const tokens = file ? parseTokenList(await readOption("--token-file", file)) : [];
  if (file && tokens.length === 0) throw new UsageError(`--token-file ${file} holds no tokens`);
  const fromEnv = (env.NIXERY_REGISTRY_TOKENS ?? "").split(",").map((t) => t.trim()).filter(Boolean);
  const all = [...tokens, ...fromEnv];
  const short = all.find((token) => token.length < 16);
  if (short !== void 0) throw new UsageError("every bearer token must be at least 16 characters long (e.g. openssl rand -hex 32)");
  return all;
}
async function readOption(flag, file) {
  try {
    return await readFile4(file, "utf8");
  } catch (error) {
    throw new UsageError(
      `${flag} ${file}: ${error.code === "ENOENT" ? "no such file" : error.message}`
    );
  }
}
async function requireFolder(location) {
  const info = await stat5(location).catch(() => null);
  if (!info?.isDirectory()) {
    throw new UsageError(
      `--storage ${location}: no such folder; build images into it first with "nixery build NAME --storage ${location}"`
    );
  }
}

// src/lifecycle/untag.ts
async function untagImages(store, selection) {
  const images = await store.listTaggedImages();
  const ref = (name, tag) => `${name}:${tag}`;
  const exact = new Set((selection.refs ?? []).map((r) => ref(r.name, r.tag)));
  const always = new Set(selection.tags ?? []);
  const shared2 = new Set(selection.unlessShared ?? []);
  const chosen = images.filter((i) => exact.has(ref(i.name, i.tag)) || always.has(i.tag));
  const chosenRefs = new Set(chosen.map((i) => ref(i.name, i.tag)));
  const maybe = images.filter((i) => shared2.has(i.tag) && !chosenRefs.has(ref(i.name, i.tag)));
  const maybeRefs = new Set(maybe.map((i) => ref(i.name, i.tag)));
  const staying = images.filter((i) => !chosenRefs.has(ref(i.name, i.tag)) && !maybeRefs.has(ref(i.name, i.tag)));
  const named = new Set(staying.map((i) => `${i.name}@${i.manifest.digest}`));
  const kept = maybe.filter((i) => named.has(`${i.name}@${i.manifest.digest}`));
  const removed = [...chosen, ...maybe.filter((i) => !named.has(`${i.name}@${i.manifest.digest}`))];
  const byName = /* @__PURE__ */ new Map();
  for (const image of removed) byName.set(image.name, [...byName.get(image.name) ?? [], image.tag]);
  for (const [name, tags] of byName) await store.untag(name, tags);
  return { removed, kept };
}

// src/cli/untag-command.ts
var UNTAG_USAGE = `Usage: nixery untag --storage BUCKET [NAME:TAG]... [--tag TAG]... [options]

Removes tags from BUCKET: their tag objects and their index.json entries. Blobs stay; "nixery gc" removes what no
tag reaches any more. A tag that is not there is not an error.

  NAME:TAG                one image's tag, e.g. shell/git/htop:pr-7
  --tag, -t TAG           this tag on every image that has it; repeat for several
  --storage, -s BUCKET    the bucket: ${STORAGE_LOCATION_HELP} (--out, -o is the same flag)
${S3_USAGE}
  --json                  print what was removed as JSON`;
async function untagCommand(args) {
  const { values, positionals } = parseCommandArgs({
    args,
    allowPositionals: true,
    strict: true,
    options: {
      ...BUCKET_OPTIONS,
      tag: { type: "string", short: "t", multiple: true },
      ...S3_OPTIONS,
      json: { type: "boolean", default: false }
    }
  });
  const bucket = bucketFlag(values);
  if (bucket === void 0) throw new UsageError(`--storage is required: ${STORAGE_LOCATION_HELP}`);
  const tags = (values.tag ?? []).map(assertValidTag);
  const refs = positionals.map((reference) => parseImageReference(reference, "pr-7"));
  if (refs.length === 0 && tags.length === 0) throw new UsageError("give NAME:TAG or --tag TAG: what to untag");
  const store = new ImageStore(await openStorage(bucket, { s3: s3Settings(values) }));
  const { removed } = await untagImages(store, { refs, tags });
  if (values.json) {
    const list = removed.map((i) => ({ name: i.name, tag: i.tag, digest: i.manifest.digest }));
    process.stdout.write(JSON.stringify({ storage: store.storage.location, removed: list }, null, 2) + "\n");
    return;
  }
  if (removed.length === 0) process.stdout.write(`no such tags in ${store.storage.location}; nothing changed
`);
  for (const image of removed) process.stdout.write(`untagged ${image.name}:${image.tag} (${image.manifest.digest})
`);
}

// src/cli/exit-codes.ts
var EXIT_CODES = {
  usage: 2,
  "unknown-packages": 3,
  "missing-git-ref": 3,
  "nix-build": 4,
  // As timeout(1) does.
  "nix-timeout": 124,
  "bucket-access": 5,
  "registry-access": 6
};
var UNEXPECTED_ERROR_EXIT_CODE = 1;
var EXIT_CODES_HELP = `Exit status: 0 done; 2 usage (bad flag, name or setting); 3 unknown package or git ref; 4 Nix build
failed; 5 bucket not reachable or not allowed; 6 registry refused or failed a push; 124 Nix build timed out; 1 anything else.`;

// package.json
var package_default = {
  name: "nixery-action",
  version: "0.1.0",
  description: "Reproducible, layered OCI images from Nix packages, built in CI and served from a bucket",
  license: "Apache-2.0",
  type: "module",
  engines: {
    node: ">=22.18"
  },
  bin: {
    nixery: "dist/cli.js"
  },
  files: [
    "dist",
    "nix"
  ],
  scripts: {
    build: `rm -rf dist/chunks && esbuild src/cli/cli.ts src/registry/bcrypt-worker.ts src/archive/compress-worker.ts --bundle --splitting --platform=node --format=esm --target=node22 --outdir=dist --entry-names=[name] --chunk-names=chunks/[name]-[hash] --legal-comments=none --external:xmlbuilder2 --external:libxmljs2 --banner:js="#!/usr/bin/env node
import { createRequire as __nixeryRequire } from 'node:module'; const require = __nixeryRequire(import.meta.url);" && esbuild src/action/index.ts --bundle --platform=node --format=esm --target=node24 --outfile=dist/action.js --legal-comments=none --external:xmlbuilder2 --external:libxmljs2 --log-level=warning --banner:js="import { createRequire as __nixeryRequire } from 'node:module'; const require = __nixeryRequire(import.meta.url);" && esbuild src/action/post.ts --bundle --platform=node --format=esm --target=node24 --outfile=dist/post.js --legal-comments=none --external:xmlbuilder2 --external:libxmljs2 --log-level=warning --banner:js="import { createRequire as __nixeryRequire } from 'node:module'; const require = __nixeryRequire(import.meta.url);"`,
    typecheck: "tsc --noEmit",
    test: 'tsc --noEmit && biome ci . && NIX_CONFIG="substituters =\nextra-platforms = aarch64-linux" node --test --test-concurrency=1 "test/**/*.test.ts"',
    "test:unit": "node --test 'test/unit/**/*.test.ts'",
    "check-dist": 'npm run build && git diff --exit-code -- dist/ && test -z "$(git status --porcelain -- dist/)"',
    lint: "biome ci .",
    format: "biome format --write ."
  },
  dependencies: {
    "@actions/cache": "^6.3.0",
    "@actions/core": "^3.0.1",
    "@actions/github": "^9.1.1",
    "@aws-sdk/client-s3": "^3.1169.0",
    "@aws-sdk/lib-storage": "^3.1169.0",
    "@aws-sdk/s3-request-presigner": "^3.1163.0",
    "@cyclonedx/cyclonedx-library": "^10.3.0",
    "@google-cloud/storage": "^8.4.0",
    bcryptjs: "^3.0.3",
    leven: "^4.1.0",
    "p-limit": "^7.3.3",
    semver: "^7.8.6",
    "tar-stream": "^3.2.2",
    yaml: "^2.9.1"
  },
  devDependencies: {
    "@biomejs/biome": "2.6.8",
    "@types/node": "^24.19.2",
    "@types/semver": "^7.8.0",
    "@types/tar-stream": "^3.1.5",
    ajv: "^8.20.0",
    "ajv-formats": "^3.0.1",
    "ajv-formats-draft2019": "^1.6.1",
    esbuild: "^0.28.2",
    "firebase-tools": "15.34.2",
    "playwright-core": "^1.65.1",
    s3rver: "3.7.1",
    typescript: "5.9"
  }
};

// src/cli/main.ts
var USAGE = `Usage: nixery <command> [options]
       nixery --version

Commands:
  build NAME...   build layered OCI images of Nix packages into a bucket and push them to registries
  copy            copy a built image from a bucket to a registry or another bucket
  gc              remove blobs and cache entries no tag reaches (safe during builds)
  index --repair  rewrite a bucket's index.json from its tag objects (after a killed build)
  layers          plan layers for a closure graph read on stdin
  serve           serve a bucket's images read-only over the registry API
  untag           remove tags from a bucket (gc then reclaims their blobs)

Run "nixery <command> --help" for a command's options.

${EXIT_CODES_HELP}`;
var COMMANDS = {
  build: { run: buildCommand, usage: BUILD_USAGE },
  copy: { run: copyCommand, usage: COPY_USAGE },
  gc: { run: gcCommand, usage: GC_USAGE },
  index: { run: indexCommand, usage: INDEX_USAGE },
  layers: { run: layersCommand, usage: LAYERS_USAGE },
  serve: { run: serveCommand, usage: SERVE_USAGE },
  untag: { run: untagCommand, usage: UNTAG_USAGE }
};
async function main(argv) {
  const [name, ...args] = argv;
  if (name === void 0 || name === "--help" || name === "-h" || name === "help") {
    process.stdout.write(USAGE + "\n");
    return name === void 0 ? 2 : 0;
  }
  if (name === "--version" || name === "-V" || name === "version") {
    process.stdout.write(`nixery ${package_default.version}
`);
    return 0;
  }
  const command = COMMANDS[name];
  if (!command) {
    const close = unknownCommand(name);
    process.stderr.write(`nixery: unknown command "${name}"${close ? `; did you mean "${close}"?` : ""}
`);
    process.stderr.write(`Commands: ${Object.keys(COMMANDS).join(", ")}. Run "nixery --help" for more.
`);
    return 2;
  }
  if (args.includes("--help") || args.includes("-h")) {
    process.stdout.write(command.usage + "\n");
    return 0;
  }
  try {
    await command.run(args);
    return 0;
  } catch (error) {
    return reportError(error, name, command.usage, args.includes("--json"));
  }
}
function unknownCommand(typed) {
  return closestName(typed, Object.keys(COMMANDS), () => 2);
}
function reportError(error, name, usage, json) {
  const err = error instanceof Error ? error : new Error(String(error));
  process.stderr.write(`
nixery: error: ${err.message}
`);
  const kind = err instanceof NixeryError ? err.kind : null;
  if (kind === "usage") process.stderr.write(`${usage.split("\n")[0]}
Run "nixery ${name} --help" for every option.
`);
  if (kind === null && process.env.NIXERY_DEBUG) process.stderr.write(`${err.stack}
`);
  const exitCode2 = kind !== null ? EXIT_CODES[kind] : UNEXPECTED_ERROR_EXIT_CODE;
  if (json) process.stdout.write(JSON.stringify({ error: { kind: kind ?? "internal", message: err.message, exitCode: exitCode2 } }, null, 2) + "\n");
  return exitCode2;
}
var exitCode = await main(process.argv.slice(2));
if (exitCode !== 0) process.exit(exitCode);
export {
  main
};
