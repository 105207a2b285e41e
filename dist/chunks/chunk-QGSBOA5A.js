#!/usr/bin/env node
import { createRequire as __nixeryRequire } from 'node:module'; const require = __nixeryRequire(import.meta.url);
import {
  closureFromPathInfo,
  earlierPlanOf,
  planLayers
} from "./chunk-J7F32IGK.js";
import {
  NixActivityLog,
  describeSource,
  findWorkerScript,
  isCommitHash,
  withoutCredentials
} from "./chunk-NIF5WXJU.js";
import {
  DEFAULT_UPLOAD_PARALLELISM,
  UploadMeter,
  assembleContent,
  assembleImage,
  assembleIndex,
  imageMetadata,
  meteredTarget,
  platformManifestsOf,
  putStoredBlob,
  sizeOf,
  stagingPath
} from "./chunk-UCILIBD2.js";
import {
  assertValidTag,
  parseImageName,
  wantsShell
} from "./chunk-5JWIH4TD.js";
import {
  BucketTarget,
  layerCacheId,
  manifestCacheId
} from "./chunk-XRBSOUCT.js";
import {
  STORE_PATHS_HISTORY_PREFIX,
  storePathsOf
} from "./chunk-4DWZHMQA.js";
import {
  CollectedBlobError,
  isDescriptor,
  pLimit
} from "./chunk-CE262DKV.js";
import {
  sha256Digest
} from "./chunk-6QJK6SSJ.js";
import {
  layerMediaType,
  platformName
} from "./chunk-GCYMDIW2.js";
import {
  compareStrings
} from "./chunk-VQIJQ3JB.js";
import {
  MissingGitRefError,
  NixBuildError,
  NixTimeoutError,
  UnknownPackagesError,
  UsageError
} from "./chunk-WXRP66RY.js";
import {
  BLOCK_BYTES,
  DICTIONARY_BYTES,
  compressBlockAsync,
  streamHeader,
  streamTrailer
} from "./chunk-AMHWJPCU.js";
import {
  BlobFile,
  CHUNK_BYTES,
  WRITER_CHUNKS_IN_FLIGHT,
  isOwnedMemory,
  ownMemory,
  recycleChunk,
  takeChunk
} from "./chunk-PGH5EW64.js";
import {
  __commonJS,
  __require,
  __toESM
} from "./chunk-4ZPLT25K.js";

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
var require_errors = __commonJS({
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
    var StreamError = require_errors();
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
    var Readable2 = class _Readable extends Stream {
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
          pipeline(src, out, noop);
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
    var Duplex = class extends Readable2 {
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
    var Transform = class extends Duplex {
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
    var PassThrough = class extends Transform {
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
        return pipeline(...streams, (err) => {
          if (err) return reject(err);
          resolve();
        });
      });
    }
    function pipeline(stream, ...streams) {
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
      pipeline,
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
      Readable: Readable2,
      Duplex,
      Transform,
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
    var { Writable, Readable: Readable2, getStreamError } = require_streamx();
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
    var Source = class extends Readable2 {
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
    var constants2 = {
      // just for envs without fs
      S_IFMT: 61440,
      S_IFDIR: 16384,
      S_IFCHR: 8192,
      S_IFBLK: 24576,
      S_IFIFO: 4096,
      S_IFLNK: 40960
    };
    try {
      module.exports = __require("fs").constants || constants2;
    } catch {
      module.exports = constants2;
    }
  }
});

// node_modules/tar-stream/pack.js
var require_pack = __commonJS({
  "node_modules/tar-stream/pack.js"(exports, module) {
    var { Readable: Readable2, Writable, getStreamError } = require_streamx();
    var b4a = require_b4a();
    var constants2 = require_constants();
    var headers = require_headers();
    var DMODE = 493;
    var FMODE = 420;
    var END_OF_TAR2 = b4a.alloc(1024);
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
    var Pack = class extends Readable2 {
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
        this.push(END_OF_TAR2);
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
      switch (mode & constants2.S_IFMT) {
        case constants2.S_IFBLK:
          return "block-device";
        case constants2.S_IFCHR:
          return "character-device";
        case constants2.S_IFDIR:
          return "directory";
        case constants2.S_IFIFO:
          return "fifo";
        case constants2.S_IFLNK:
          return "symlink";
      }
      return "file";
    }
    function noop() {
    }
    function overflow(self, size) {
      size &= 511;
      if (size) self.push(END_OF_TAR2.subarray(0, 512 - size));
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
    hasBlob: async (name, blob) => (await Promise.all(targets.map((t) => t.hasBlob(name, blob)))).every(Boolean),
    stagingDir: () => first.stagingDir(),
    consumesFiles: targets.some((t) => t.consumesFiles),
    putBlobFile: async (name, blob, localPath) => {
      let sent = 0;
      for (const target of readers) sent += await target.putBlobFile(name, blob, localPath);
      for (const [i, target] of consumers.entries()) {
        const last = i === consumers.length - 1;
        const file = last ? localPath : `${localPath}.${i}`;
        if (!last) await link(localPath, file).catch(() => copyFile(localPath, file));
        try {
          sent += await target.putBlobFile(name, blob, file);
        } finally {
          if (!last) await rm(file, { force: true });
        }
      }
      return sent;
    },
    putBlobBytes: (name, blob, bytes) => each((t) => t.putBlobBytes(name, blob, bytes)),
    putManifest: (name, manifest, bytes) => each((t) => t.putManifest(name, manifest, bytes)),
    putReferrer: (name, subject, referrer, bytes) => each((t) => t.putReferrer(name, subject, referrer, bytes)),
    tag: async (name, tags, manifest, bytes) => {
      for (const target of targets) await target.tag(name, tags, manifest, bytes);
    }
  };
}

// src/pipeline/materialise.ts
import os from "node:os";
import { rm as rm2 } from "node:fs/promises";

// src/archive/compress.ts
import { unlink } from "node:fs/promises";

// src/archive/blob-writer.ts
import { Worker } from "node:worker_threads";
var IN_FLIGHT_BYTES = WRITER_CHUNKS_IN_FLIGHT * CHUNK_BYTES;
var THREAD_LIMITS = { maxOldGenerationSizeMb: 32 };
var idle = [];
var script;
function openBlobWriter(path2, { onThread = true } = {}) {
  script ??= findWorkerScript("blob-writer-worker", import.meta.url);
  if (script === null || !onThread) return new LocalBlobWriter(path2);
  return new ThreadBlobWriter(idle.pop() ?? startThread(script), path2);
}
function startThread(url) {
  const worker = new Worker(url, { resourceLimits: THREAD_LIMITS });
  worker.unref();
  return worker;
}
var ThreadBlobWriter = class {
  inFlight = 0;
  failure = null;
  wake = null;
  whenClosed = null;
  finishing = null;
  onMessage = (reply) => this.receive(reply);
  onLost = (error) => this.lose(error);
  onExit = (code) => this.lose(new Error(`blob writer thread exited with code ${code}`));
  worker;
  constructor(worker, path2) {
    this.worker = worker;
    worker.ref();
    worker.on("message", this.onMessage);
    worker.on("error", this.onLost);
    worker.on("messageerror", this.onLost);
    worker.on("exit", this.onExit);
    this.post({ op: "open", path: path2 });
  }
  tar(bytes) {
    return this.send("tar", bytes);
  }
  blob(bytes) {
    return this.send("blob", bytes);
  }
  async close() {
    const sums = await this.finish();
    if (this.failure) throw this.failure;
    if (!sums) throw new Error("blob writer closed without sums");
    return sums;
  }
  async abandon() {
    await this.finish().catch(() => {
    });
  }
  send(op, bytes) {
    if (this.failure) throw this.failure;
    const lent = isOwnedMemory(bytes);
    this.inFlight += bytes.length;
    this.post({ op, bytes, lent }, lent ? [bytes.buffer] : []);
    if (this.inFlight < IN_FLIGHT_BYTES) return void 0;
    return new Promise((resolve) => this.wake = resolve).then(() => {
      if (this.failure) throw this.failure;
    });
  }
  /** Closes the file once, however often it is asked (close after a failure, then abandon). */
  finish() {
    this.finishing ??= new Promise((resolve) => {
      this.whenClosed = resolve;
      this.post({ op: "close" });
    }).finally(() => this.release());
    return this.finishing;
  }
  receive(reply) {
    if (reply.op === "done") {
      this.inFlight -= reply.size;
      if (reply.bytes) recycleChunk(reply.bytes.buffer);
      if (this.inFlight < IN_FLIGHT_BYTES / 2) this.resume();
    } else if (reply.op === "error") {
      this.failure ??= new Error(reply.message);
      this.resume();
    } else {
      this.whenClosed?.(reply.sums);
    }
  }
  lose(error) {
    this.failure ??= error;
    this.resume();
    this.whenClosed?.(null);
  }
  resume() {
    const wake = this.wake;
    this.wake = null;
    wake?.();
  }
  post(request, transfer = []) {
    this.worker.postMessage(request, transfer);
  }
  /** The thread goes back to the idle ones, unless it was lost. */
  release() {
    this.worker.off("message", this.onMessage);
    this.worker.off("error", this.onLost);
    this.worker.off("messageerror", this.onLost);
    this.worker.off("exit", this.onExit);
    this.worker.unref();
    if (this.worker.threadId >= 0) idle.push(this.worker);
  }
};
var LocalBlobWriter = class {
  file;
  constructor(path2) {
    try {
      this.file = BlobFile.open(path2);
    } catch (err) {
      this.file = err;
    }
  }
  tar(bytes) {
    this.opened().addTar(bytes);
  }
  blob(bytes) {
    this.opened().addBlob(bytes);
  }
  async close() {
    return this.opened().close();
  }
  async abandon() {
    if (this.file instanceof BlobFile) this.file.abandon();
  }
  opened() {
    if (this.file instanceof Error) throw this.file;
    return this.file;
  }
};

// src/archive/block-stream.ts
import { crc32 } from "node:zlib";
async function* compressInBlocks(source, compression, compressor) {
  const blockBytes = BLOCK_BYTES[compression];
  const dictionaryBytes = DICTIONARY_BYTES[compression];
  const memoryBytes = dictionaryBytes + blockBytes;
  const pending = [];
  const inFlight = compressor.inFlight(compression);
  const send = async (memory2, start2, end, last) => {
    await compressor.reserve(compression);
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
    while (pending.length >= inFlight) yield await next();
  }
  await send(memory, start, dictionaryBytes + filled, true);
  while (pending.length > 0) yield await next();
  yield streamTrailer(compression, crc, length);
}

// src/archive/compress-pool.ts
import { availableParallelism } from "node:os";
import { Worker as Worker2 } from "node:worker_threads";
var THREAD_LIMITS2 = { maxOldGenerationSizeMb: 32 };
var UNITS_PER_THREAD = 8;
var BLOCK_UNITS = { gzip: 1, zstd: 3 };
var CompressPool = class {
  threads;
  capacity;
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
    this.capacity = UNITS_PER_THREAD * threads;
    this.slots = Array.from({ length: threads }, () => null);
    this.script = findWorkerScript("compress-worker", import.meta.url);
  }
  inFlight(compression) {
    return Math.floor(this.capacity / BLOCK_UNITS[compression]);
  }
  reserve(compression) {
    const units = BLOCK_UNITS[compression];
    if (this.waiting.length === 0 && this.reserved + units <= this.capacity) {
      this.reserved += units;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiting.push({ units, resolve }));
  }
  allocate(bytes) {
    return this.spare.get(bytes)?.pop() ?? new Uint8Array(bytes);
  }
  compress(job) {
    const script2 = this.script;
    const run = async () => script2 === null ? this.compressHere(job) : this.compressOnThread(job, script2);
    return run().finally(() => this.release(BLOCK_UNITS[job.compression]));
  }
  /** Stops the threads; blocks still being compressed fail. */
  async close() {
    await Promise.all(this.slots.map((thread) => thread?.worker.terminate()));
  }
  recycle(input) {
    const bytes = input.buffer.byteLength;
    const list = this.spare.get(bytes) ?? [];
    this.spare.set(bytes, list);
    if (list.length < this.spareLimit(bytes)) list.push(new Uint8Array(input.buffer));
  }
  /** No more spare blocks of a size than can be in flight at once. */
  spareLimit(memoryBytes) {
    for (const compression of ["gzip", "zstd"]) {
      if (memoryBytes === BLOCK_BYTES[compression] + DICTIONARY_BYTES[compression]) return this.inFlight(compression);
    }
    return 0;
  }
  release(units) {
    this.reserved -= units;
    while (this.waiting.length > 0 && this.reserved + this.waiting[0].units <= this.capacity) {
      const next = this.waiting.shift();
      this.reserved += next.units;
      next.resolve();
    }
  }
  compressOnThread(job, script2) {
    const thread = this.leastBusy(script2);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      thread.jobs.set(id, { resolve, reject });
      if (thread.jobs.size === 1) thread.worker.ref();
      thread.worker.postMessage({ id, job }, [job.input.buffer]);
    });
  }
  /** Without a thread script (an unusual packaging): the same bytes, compressed without a thread of ours. */
  async compressHere(job) {
    const output = await compressBlockAsync(job);
    this.recycle(job.input);
    return output;
  }
  leastBusy(script2) {
    let best = -1;
    for (let i = 0; i < this.slots.length; i++) {
      const thread = this.slots[i];
      if (!thread) {
        const started = this.start(script2, i);
        this.slots[i] = started;
        return started;
      }
      if (best < 0 || thread.jobs.size < this.slots[best].jobs.size) best = i;
    }
    return this.slots[best];
  }
  start(script2, slot) {
    const worker = new Worker2(script2, { resourceLimits: THREAD_LIMITS2 });
    worker.unref();
    const thread = { worker, jobs: /* @__PURE__ */ new Map() };
    worker.on("message", (reply) => {
      const waiter = thread.jobs.get(reply.id);
      thread.jobs.delete(reply.id);
      if (thread.jobs.size === 0) worker.unref();
      if ("error" in reply) waiter?.reject(new Error(`layer compression failed: ${reply.error}`));
      else {
        this.recycle(reply.input);
        ownMemory(reply.output.buffer);
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
  const ownPool = compression !== "none" && options.threads !== void 0 ? new CompressPool(options.threads) : null;
  let writer = null;
  try {
    writer = openBlobWriter(destFile);
    if (compression === "none") {
      for await (const chunk of tar) await writer.blob(chunk);
      const { blob } = await writer.close();
      return { digest: blob.digest, diffId: blob.digest, size: blob.bytes, uncompressedSize: blob.bytes };
    }
    const blocks = compressInBlocks(hashedBy(writer, tar), compression, ownPool ?? sharedCompressPool());
    for await (const output of blocks) await writer.blob(output);
    const sums = await writer.close();
    return { digest: sums.blob.digest, diffId: sums.tar.digest, size: sums.blob.bytes, uncompressedSize: sums.tar.bytes };
  } catch (err) {
    await writer?.abandon();
    await unlink(destFile).catch(() => {
    });
    throw err;
  } finally {
    await ownPool?.close();
  }
}
async function* hashedBy(writer, tar) {
  for await (const chunk of tar) {
    yield chunk;
    await writer.tar(chunk);
  }
}

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
    await rm2(staged, { force: true });
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
import { closeSync as closeSync2 } from "node:fs";
import { Readable } from "node:stream";

// src/archive/store-walk.ts
import { isUtf8 } from "node:buffer";
import { closeSync, constants, fstatSync, lstatSync, openSync, readdirSync, readlinkSync, readSync } from "node:fs";
import { setImmediate as nextTurn } from "node:timers/promises";
var OPEN_FILE = constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK;
function* walkTree(diskPath, name) {
  const stack = [{ name, diskPath, isFile: false }];
  for (let next = stack.pop(); next !== void 0; next = stack.pop()) {
    const entry = visit(next);
    yield entry;
    if (!entry.stats.isDirectory()) continue;
    const children = readdirSync(entry.diskPath, { encoding: "buffer", withFileTypes: true }).sort(
      (a, b) => Buffer.compare(a.name, b.name)
    );
    for (let i = children.length - 1; i >= 0; i--) {
      const child = utf8Name(children[i].name, entry.diskPath);
      stack.push({ name: entry.name + "/" + child, diskPath: entry.diskPath + "/" + child, isFile: children[i].isFile() });
    }
  }
}
function visit({ name, diskPath, isFile: isFile2 }) {
  if (!isFile2) {
    const stats = lstatSync(diskPath);
    if (!stats.isFile()) return { name, diskPath, stats, fd: null };
  }
  const fd = openSync(diskPath, OPEN_FILE);
  try {
    return { name, diskPath, stats: fstatSync(fd), fd };
  } catch (err) {
    closeSync(fd);
    throw err;
  }
}
function readLinkTarget(diskPath) {
  return utf8Name(readlinkSync(diskPath, { encoding: "buffer" }), diskPath);
}
function readWholeFile(fd, diskPath, size) {
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
}
function* readFileChunks(fd, chunkBytes) {
  for (; ; ) {
    const chunk = Buffer.allocUnsafeSlow(chunkBytes);
    const bytesRead = readSync(fd, chunk, 0, chunkBytes, null);
    if (bytesRead === 0) return;
    yield bytesRead === chunkBytes ? chunk : chunk.subarray(0, bytesRead);
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
  const text = raw.toString("utf8");
  if (!isUtf8(raw)) {
    throw new Error(`cannot archive a name that is not valid UTF-8 in ${where} (${JSON.stringify(text)}): rename it`);
  }
  return text;
}

// src/archive/tar-writer.ts
import { readSync as readSync2 } from "node:fs";
var BLOCK = 512;
var TYPEFLAG = { file: 48, symlink: 50, directory: 53 };
function headerTemplate(mtimeSeconds) {
  const block = Buffer.alloc(BLOCK);
  block.write(octal(0, 6), 108, "latin1");
  block.write(octal(0, 6), 116, "latin1");
  block.write(octal(mtimeSeconds, 11), 136, "latin1");
  block.write("ustar\x0000", 257, "latin1");
  block.write("root", 265, "latin1");
  block.write("root", 297, "latin1");
  block.write(octal(0, 6), 329, "latin1");
  block.write(octal(0, 6), 337, "latin1");
  return block;
}
function byteSum(bytes, from, to) {
  let sum = 0;
  for (let i = from; i < to; i++) sum += bytes[i];
  return sum;
}
function octal(value, digits) {
  return value.toString(8).padStart(digits, "0") + " ";
}
function splitName(full) {
  if (Buffer.byteLength(full) !== full.length) return null;
  let name = full;
  let prefix = "";
  while (name.length > 100) {
    const i = name.indexOf("/");
    if (i === -1) return null;
    prefix += prefix ? "/" + name.slice(0, i) : name.slice(0, i);
    name = name.slice(i + 1);
  }
  return prefix.length > 155 ? null : { name, prefix };
}
var TarWriter = class {
  chunk = takeChunk();
  used = 0;
  full = [];
  template;
  /** The template's part of every checksum: its bytes, with the checksum field itself counted as spaces. */
  templateSum;
  constructor(mtimeSeconds) {
    this.template = headerTemplate(mtimeSeconds);
    this.templateSum = byteSum(this.template, 0, 148) + 8 * 32 + byteSum(this.template, 156, BLOCK);
  }
  /** Writes a ustar header, or returns false (writing nothing) if the entry needs tar-stream's pax header. */
  header(entry) {
    const split = splitName(entry.name);
    const linkname = entry.linkname ?? "";
    if (split === null || Buffer.byteLength(linkname) > 100) return false;
    const block = this.room();
    const at = this.used;
    this.template.copy(block, at);
    block.write(split.name, at, "latin1");
    const mode = entry.mode & 4095 || (entry.type === "directory" ? 493 : 420);
    block.write(octal(mode, 6), at + 100, "latin1");
    const size = entry.type === "file" ? entry.size : 0;
    if (size.toString(8).length > 11) {
      block[at + 124] = 128;
      let rest = size;
      for (let i = 11; i > 0; i--) {
        block[at + 124 + i] = rest & 255;
        rest = Math.floor(rest / 256);
      }
    } else {
      block.write(octal(size, 11), at + 124, "latin1");
    }
    block[at + 156] = TYPEFLAG[entry.type];
    const linkBytes = linkname ? block.write(linkname, at + 157, "utf8") : 0;
    const prefixBytes = split.prefix ? block.write(split.prefix, at + 345, "latin1") : 0;
    const sum = this.templateSum + byteSum(block, at, at + split.name.length) + byteSum(block, at + 100, at + 108) + // mode
    byteSum(block, at + 124, at + 136) + // size
    byteSum(block, at + 156, at + 157 + linkBytes) + // type and link target
    byteSum(block, at + 345, at + 345 + prefixBytes);
    block.write(octal(sum, 6), at + 148, "latin1");
    this.used += BLOCK;
    return true;
  }
  /**
   * Reads a file's content from `fd` into the output, up to the end of the current chunk, then stops so the caller
   * can hand on full chunks between calls; returns how many bytes are still to come, or -1 once the file is done.
   * Throws `changed()` when the file ends early or goes on past `size` (it changed since it was measured).
   */
  readContent(fd, left, changed) {
    const block = this.room();
    const want = Math.min(left + 1, block.length - this.used);
    const bytesRead = readSync2(fd, block, this.used, want, null);
    if (bytesRead > left || bytesRead === 0 && left > 0) throw changed();
    if (bytesRead === 0) return -1;
    this.used += bytesRead;
    const rest = left - bytesRead;
    return rest === 0 && bytesRead < want ? -1 : rest;
  }
  /** Reads a whole file of `size` bytes, then its padding. */
  readFile(fd, size, changed) {
    for (let left = size; left >= 0; ) left = this.readContent(fd, left, changed);
    this.pad(size);
  }
  /** Zeros after `size` bytes of content, up to the next 512-byte boundary. */
  pad(size) {
    const padding = (BLOCK - size % BLOCK) % BLOCK;
    if (padding === 0) return;
    this.chunk.fill(0, this.used, this.used + padding);
    this.used += padding;
  }
  /** Copies bytes that are already tar (what tar-stream wrote for a rare entry). */
  write(bytes) {
    for (let offset = 0; offset < bytes.length; ) {
      const block = this.room();
      const take = Math.min(block.length - this.used, bytes.length - offset);
      block.set(bytes.subarray(offset, offset + take), this.used);
      this.used += take;
      offset += take;
    }
  }
  /** Whether full chunks wait to be taken. */
  hasFull() {
    return this.full.length > 0;
  }
  /** Full chunks written so far, now the caller's. */
  takeFull() {
    const full = this.full;
    this.full = [];
    return full;
  }
  /** The last, partly filled chunk (or nothing), after all full ones were taken. */
  finish() {
    const last = this.used > 0 ? this.chunk.subarray(0, this.used) : null;
    this.used = 0;
    return last;
  }
  /** The chunk being written, after moving on to a new one if it is full. */
  room() {
    if (this.used === CHUNK_BYTES) {
      this.full.push(this.chunk);
      this.chunk = takeChunk();
      this.used = 0;
    }
    return this.chunk;
  }
};

// src/archive/tar.ts
var LAYER_MTIME_MS = 1e3;
var LAYER_MTIME = new Date(LAYER_MTIME_MS);
var IMPLIED_DIRECTORY_MODE = 493;
var STORE_DIR = "/nix/store";
var READ_CHUNK_BYTES = 512 * 1024;
var OUTPUT_CHUNK_BYTES = 256 * 1024;
var SMALL_FILE_BYTES = 64 * 1024;
var SLICE_MS = 4;
var END_OF_TAR = Buffer.alloc(1024);
function packStorePaths(storePaths, options = {}) {
  const root = options.root ?? "/";
  for (const storePath of storePaths) assertTopLevelStorePath(storePath);
  const sorted = [...new Set(storePaths)].sort(compareBytewise);
  return Readable.from(storeTarChunks(sorted, root), { objectMode: false });
}
async function* storeTarChunks(sorted, root) {
  const out = new TarWriter(LAYER_MTIME_MS / 1e3);
  out.header({ name: "nix/", type: "directory", mode: IMPLIED_DIRECTORY_MODE, size: 0 });
  out.header({ name: "nix/store/", type: "directory", mode: IMPLIED_DIRECTORY_MODE, size: 0 });
  const slice = yieldEvery(SLICE_MS);
  for (const storePath of sorted) {
    for (const entry of walkTree(joinDiskPath(root, storePath), storePath.slice(1))) {
      try {
        if (!writeWalkEntry(out, entry)) yield* writeWithTarStream(out, entry, slice);
        else if (entry.fd !== null && entry.stats.size > SMALL_FILE_BYTES) yield* writeBigFile(out, entry, slice);
      } finally {
        if (entry.fd !== null) closeSync2(entry.fd);
      }
      if (out.hasFull()) yield* out.takeFull();
      const turn = slice();
      if (turn) await turn;
    }
  }
  out.write(END_OF_TAR);
  yield* out.takeFull();
  const last = out.finish();
  if (last) yield last;
}
function writeWalkEntry(out, { name, diskPath, stats, fd }) {
  if (stats.isDirectory()) return out.header({ name: name + "/", type: "directory", mode: stats.mode, size: 0 });
  if (stats.isSymbolicLink()) {
    return out.header({ name, type: "symlink", mode: 511, size: 0, linkname: readLinkTarget(diskPath) });
  }
  if (fd === null || !stats.isFile()) throw notArchivable(diskPath, stats);
  if (!out.header({ name, type: "file", mode: stats.mode, size: stats.size })) return false;
  if (stats.size <= SMALL_FILE_BYTES) out.readFile(fd, stats.size, () => sizeChanged(diskPath, stats.size));
  return true;
}
async function* writeBigFile(out, { diskPath, stats, fd }, slice) {
  const changed = () => sizeChanged(diskPath, stats.size);
  for (let left = stats.size; left >= 0; ) {
    left = out.readContent(fd, left, changed);
    yield* out.takeFull();
    await slice();
  }
  out.pad(stats.size);
}
async function* writeWithTarStream(out, entry, slice) {
  let previous = null;
  for await (const piece of tarChunks((pack) => addWalkEntry(pack, entry, slice))) {
    if (previous) out.write(previous);
    yield* out.takeFull();
    previous = piece;
  }
  out.write(previous.subarray(0, previous.length - END_OF_TAR.length));
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
  return Readable.from(tarChunks(fill), { objectMode: false });
}
async function* tarChunks(fill) {
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
async function addWalkEntry(pack, entry, slice) {
  const { name, diskPath, stats, fd } = entry;
  if (stats.isDirectory()) {
    await addEntry(pack, directoryHeader(name + "/", stats.mode));
  } else if (stats.isSymbolicLink()) {
    await addEntry(pack, symlinkHeader(name, readLinkTarget(diskPath)));
  } else if (fd !== null && stats.isFile()) {
    const header = { ...commonHeader(name, stats.mode), type: "file", size: stats.size };
    if (stats.size <= SMALL_FILE_BYTES) await addEntry(pack, header, readWholeFile(fd, diskPath, stats.size));
    else await addFile(pack, header, fd, diskPath, slice);
  } else {
    throw notArchivable(diskPath, stats);
  }
}
function notArchivable(diskPath, stats) {
  return new Error(`cannot put ${diskPath} into a layer: it is a ${fileKind(stats)}, and layers hold only files, directories and symlinks`);
}
function addEntry(pack, header, content) {
  return new Promise((resolve, reject) => {
    const done = (err) => err ? reject(err) : resolve();
    if (content === void 0) pack.entry(header, done);
    else pack.entry(header, content, done);
  });
}
async function addFile(pack, header, fd, diskPath, slice) {
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
    for (const chunk of readFileChunks(fd, READ_CHUNK_BYTES)) {
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
function assertImagePath(path2) {
  const parts = path2.split("/");
  if (parts[0] !== "" || parts.length < 2 || parts.slice(1).some((p) => p === "" || p === "." || p === "..")) {
    throw new Error(`layer entry path "${path2}" must be absolute and normalised (e.g. /etc/passwd), without "." or ".." or a trailing "/"`);
  }
}
function assertMode(mode, path2) {
  if (!Number.isInteger(mode) || mode <= 0 || mode > 4095) {
    throw new Error(`layer entry "${path2}" has mode ${mode}: expected permission bits between 0o1 and 0o7777`);
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
import path from "node:path";

// src/image/image-config.ts
import { posix } from "node:path";
var ImageConfigError = class extends UsageError {
  name = "ImageConfigError";
  path;
  constructor(path2, message) {
    super(message);
    this.path = path2;
  }
};
var CONFIG_KEYS = ["entrypoint", "cmd", "env", "user", "workdir", "ports", "labels", "stop-signal"];
function parseImageConfig(entry) {
  const config = {};
  if (entry.entrypoint !== void 0) config.entrypoint = stringList(entry.entrypoint, "entrypoint");
  if (entry.cmd !== void 0) config.cmd = stringList(entry.cmd, "cmd");
  if (entry.env !== void 0) config.env = environment(entry.env);
  if (entry.user !== void 0) config.user = parseUser(scalar(entry.user, ["user"])).spelling;
  if (entry.workdir !== void 0) config.workdir = workdir(scalar(entry.workdir, ["workdir"]));
  if (entry.ports !== void 0) config.ports = ports(entry.ports);
  if (entry.labels !== void 0) config.labels = stringMap(entry.labels, "labels", (key, path2) => checkLabelKey(key, path2));
  if (entry["stop-signal"] !== void 0) config.stopSignal = stopSignal(scalar(entry["stop-signal"], ["stop-signal"]));
  return config;
}
var USER_NAME = /^[a-z_][a-z0-9_-]{0,31}$/;
var MAX_ID = 2 ** 31 - 1;
var DEFAULT_USER_ID = 1e3;
var WELL_KNOWN = { root: 0, nobody: 65534 };
function parseUser(text, path2 = ["user"]) {
  const v = text.trim();
  const ids = /^(\d+)(?::(\d+))?$/.exec(v);
  if (ids) {
    const uid = Number(ids[1]);
    const gid = ids[2] === void 0 ? uid : Number(ids[2]);
    if (uid > MAX_ID || gid > MAX_ID) throw new ImageConfigError(path2, `user "${text}": ids go up to ${MAX_ID}`);
    const name = Object.keys(WELL_KNOWN).find((n) => WELL_KNOWN[n] === uid) ?? "app";
    return { spelling: v, name, uid, gid };
  }
  if (USER_NAME.test(v)) {
    const id = WELL_KNOWN[v] ?? DEFAULT_USER_ID;
    return { spelling: v, name: v, uid: id, gid: id };
  }
  throw new ImageConfigError(path2, `user "${text}" is not a user name (lowercase, e.g. app), a uid (1000) or uid:gid (1000:1000)`);
}
function workdir(text) {
  const v = text.trim();
  if (!v.startsWith("/")) throw new ImageConfigError(["workdir"], `workdir "${text}" is not an absolute path (e.g. /srv)`);
  const trimmed = v.length > 1 ? v.replace(/\/+$/, "") : v;
  const normal = posix.normalize(trimmed);
  if (normal !== trimmed) {
    throw new ImageConfigError(["workdir"], `workdir "${text}": write it plainly, as ${normal}`);
  }
  if (normal === "/nix" || normal.startsWith("/nix/")) {
    throw new ImageConfigError(["workdir"], `workdir "${text}" lies in /nix, which holds the read-only store`);
  }
  return normal;
}
var PORT = /^(\d{1,5})(?:\/(tcp|udp|sctp))?$/i;
function ports(value) {
  const list = Array.isArray(value) ? value : [value];
  const result = list.map((item, i) => {
    const text = scalar(item, ["ports", i]);
    const m = PORT.exec(text.trim());
    const port = m ? Number(m[1]) : 0;
    if (!m || port < 1 || port > 65535) {
      throw new ImageConfigError(["ports", i], `port "${text}" is not PORT or PORT/PROTOCOL (1-65535, tcp, udp or sctp), e.g. 8080/tcp`);
    }
    return `${port}/${(m[2] ?? "tcp").toLowerCase()}`;
  });
  return [...new Set(result)];
}
var SIGNAL = /^(?:SIG[A-Z0-9]+(?:[+-]\d+)?|\d{1,2})$/;
function stopSignal(text) {
  const v = text.trim();
  if (!SIGNAL.test(v)) throw new ImageConfigError(["stop-signal"], `stop-signal "${text}" is not a signal such as SIGTERM, SIGINT or 15`);
  return v;
}
var ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
function environment(value) {
  if (Array.isArray(value)) {
    const map = {};
    value.forEach((item, i) => {
      const text = scalar(item, ["env", i]);
      const eq = text.indexOf("=");
      if (eq <= 0) throw new ImageConfigError(["env", i], `env entry "${text}" is not NAME=VALUE`);
      const name = text.slice(0, eq);
      checkEnvName(name, ["env", i]);
      map[name] = text.slice(eq + 1);
    });
    return map;
  }
  return stringMap(value, "env", checkEnvName);
}
function checkEnvName(name, path2) {
  if (!ENV_NAME.test(name)) {
    throw new ImageConfigError(path2, `env name "${name}" is not a variable name (letters, digits and _, not starting with a digit)`);
  }
}
function checkLabelKey(key, path2) {
  if (key.trim() === "") throw new ImageConfigError(path2, "labels: a label key is empty");
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
function scalar(value, path2) {
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  throw new ImageConfigError(
    path2,
    `${path2.join(".")} must be a string, not ${value === null ? "empty" : Array.isArray(value) ? "a list" : typeof value}`
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
    for (const root of roots) if (await isDirectory(path.join(root, top))) providers.push(path.join(root, top));
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
      list.push(path.join(provider, name));
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
    for (const bundle of CA_BUNDLES) if (await isFile(path.join(storePath, bundle))) return path.join(storePath, bundle);
  }
  return null;
}
async function farmPathExists(farm, imagePath) {
  const parts = imagePath.split("/").filter(Boolean);
  for (let i = parts.length; i > 0; i--) {
    const entry = farm.get("/" + parts.slice(0, i).join("/"));
    if (entry?.type === "symlink") return isFile(path.join(entry.target, ...parts.slice(i)));
    if (entry) return false;
  }
  return false;
}
async function childDirectories(dir) {
  const children = [];
  for (const name of await readdir(dir)) {
    if (!SKIPPED_TOP_LEVEL.has(name) && await isDirectory(path.join(dir, name))) children.push(name);
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

// src/pipeline/plan.ts
async function planImage(image, realised, settings, known = []) {
  const { compression, budget } = settings;
  const storeLayers = earlierPlanOf(realised.closure, budget, known) ?? planLayers(realised.closure, budget, known);
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
  for (const blob of sbom.blobs) await target.putBlobBytes(name, blob.descriptor, blob.bytes);
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

// src/nix/expressions-dir.ts
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
var MARKER = "image-packages.nix";
function nixExpressionsDir(moduleUrl = import.meta.url) {
  for (const relative of ["../nix/", "../../nix/"]) {
    const dir = fileURLToPath(new URL(relative, moduleUrl));
    if (existsSync(dir + MARKER)) return dir.replace(/\/$/, "");
  }
  throw new Error(
    `cannot find the nix/ folder (with ${MARKER}) next to ${fileURLToPath(moduleUrl)}: install the package with its nix/ folder, or run from the repository.`
  );
}

// src/nix/run.ts
import { spawn } from "node:child_process";
import { readdirSync as readdirSync2, readFileSync } from "node:fs";

// src/nix/options.ts
function nixOptionArgs(options) {
  const args = [];
  const option = (name, value) => args.push("--option", name, value);
  if (options.builders !== void 0) option("builders", options.builders);
  if (options.buildersUseSubstitutes !== void 0) option("builders-use-substitutes", String(options.buildersUseSubstitutes));
  if (options.substituters?.length) option("extra-substituters", options.substituters.join(" "));
  if (options.trustedPublicKeys?.length) option("extra-trusted-public-keys", options.trustedPublicKeys.join(" "));
  return args;
}

// src/nix/run.ts
var KILL_GRACE_MS = 3e3;
var PIPE_GRACE_MS = 1e3;
function runNixCommand(command, args, opts) {
  const tailLimit = opts.tailLines ?? 40;
  return new Promise((resolve, reject) => {
    if (opts.signal?.aborted) {
      resolve({ exitCode: null, stdout: "", stderrTail: [], stopped: "abort" });
      return;
    }
    const child = spawn(command, [...nixOptionArgs(opts.nix), ...args], {
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
    child.stderr.on("data", (text) => {
      const lines = (partial + text).split("\n");
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
    let stat2;
    try {
      stat2 = readFileSync(`/proc/${entry}/stat`, "utf8");
    } catch {
      continue;
    }
    const fields = stat2.slice(stat2.lastIndexOf(")") + 2).split(" ");
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
async function readFlakeMetadata(ref, nix, signal) {
  const metadata = async (extra) => runNixCommand("nix", [...FLAKE_FEATURES, "flake", "metadata", "--json", ...extra, ref], {
    nix,
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

// src/nix/build.ts
var UNKNOWN_MARKER = /nixery-unknown-packages: (\[.*?\]) nixery-unknown-reasons: (\{.*\})/;
async function buildImagePackages(opts) {
  if (opts.packages.length === 0) {
    return { outputs: [], closure: { roots: [], paths: {} }, packages: [], activity: { builds: [], substituted: [] } };
  }
  const deadline = Date.now() + opts.timeoutMs;
  const args = [...imagePackagesArgs(opts), "--no-out-link"];
  let markerLine;
  const heldBack = [];
  const activity = new NixActivityLog();
  const build = await runNixCommand("nix-build", args, {
    nix: opts.nix,
    deadline,
    ...opts.signal ? { signal: opts.signal } : {},
    onStderrLine: (line) => {
      const started = activity.read(line);
      if (started) opts.onDerivationBuild?.(started);
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
    { nix: opts.nix, deadline, ...opts.signal ? { signal: opts.signal } : {} }
  );
  checkStopped(info, "nix path-info", opts);
  if (info.exitCode !== 0) {
    throw new NixBuildError(`nix path-info failed (exit code ${info.exitCode}) for ${outputs.join(" ")}`, info.stderrTail, info.exitCode);
  }
  const closure = closureFromPathInfo(JSON.parse(info.stdout), outputs);
  return { outputs, closure, packages: await readPackageMeta(opts, deadline), activity: activity.activity() };
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
  const result = await runNixCommand("nix-instantiate", args, { nix: opts.nix, deadline, ...opts.signal ? { signal: opts.signal } : {} });
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
      const packages = JSON.parse(m[1]);
      const reasons = JSON.parse(m[2]);
      if (Array.isArray(packages) && packages.every((p) => typeof p === "string") && typeof reasons === "object" && reasons) {
        return { packages, reasons };
      }
    } catch {
    }
  }
  return void 0;
}

// src/nix/copy.ts
function copyDestination(push) {
  if (push.secretKeyFile === void 0) return push.url;
  return `${push.url}${push.url.includes("?") ? "&" : "?"}secret-key=${encodeURIComponent(push.secretKeyFile)}`;
}
async function pushClosure(paths, push, opts) {
  const started = performance.now();
  const seconds = () => Math.round(performance.now() - started) / 1e3;
  const copied = /* @__PURE__ */ new Set();
  const url = withoutSecrets(push.url);
  let result;
  try {
    result = await runNixCommand("nix", ["--extra-experimental-features", "nix-command", "copy", "--to", copyDestination(push), ...paths], {
      nix: opts.nix,
      deadline: opts.deadline,
      ...opts.signal ? { signal: opts.signal } : {},
      onStderrLine: (line) => {
        const m = /^copying path '([^']+)' to /.exec(line.trim());
        if (m) copied.add(m[1]);
        opts.onLogLine?.(line);
      }
    });
  } catch (error) {
    return { url, pushed: false, error: error instanceof Error ? error.message : String(error), seconds: seconds() };
  }
  if (result.exitCode === 0) return { url, pushed: true, paths: copied.size, seconds: seconds() };
  const why = result.stopped ? `nix copy was stopped (${result.stopped === "timeout" ? "the build timeout ran out" : "the build was cancelled"})` : result.stderrTail.filter((l) => l.startsWith("error:")).join(" ") || result.stderrTail.slice(-5).join(" ") || `exit code ${result.exitCode}`;
  return { url, pushed: false, error: why.replaceAll(copyDestination(push), url).replaceAll(push.url, url), seconds: seconds() };
}
function withoutSecrets(url) {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/@?]*@/i, "$1");
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
    nix: settings.nix ?? {},
    ...signal ? { signal } : {},
    onLogLine: (line) => onEvent({ type: "nix-log", image: canonical, line }),
    onDerivationBuild: ({ derivation, builder }) => onEvent({ type: "nix-derivation", image: canonical, derivation, builder })
  });
}
async function pushRealisedClosure(image, realised, settings, onEvent, signal) {
  if (!settings.closurePush || realised.outputs.length === 0) return void 0;
  const canonical = image.name.canonical;
  const result = await pushClosure(realised.outputs, settings.closurePush, {
    nix: settings.nix ?? {},
    deadline: Date.now() + settings.timeoutMs,
    ...signal ? { signal } : {},
    onLogLine: (line) => onEvent({ type: "nix-log", image: canonical, line })
  });
  onEvent({ type: "closure-push", image: canonical, result });
  return result;
}

// src/nix/resolve-source.ts
import { execFile } from "node:child_process";
import { promisify } from "node:util";
async function resolveSource(source, imageTag, nix = {}) {
  switch (source.kind) {
    case "nixpkgs": {
      const url = `https://github.com/NixOS/nixpkgs/archive/${source.commit}.tar.gz`;
      const fetch = source.sha256 ? `builtins.fetchTarball { url = ${nixString(url)}; sha256 = ${nixString(source.sha256)}; }` : `builtins.fetchTarball ${nixString(url)}`;
      return {
        source,
        packageSetExpr: importPackageSet(fetch),
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
      return resolveFlake(source, nix);
  }
}
async function resolveFlake(source, nix) {
  const flake = await readFlakeMetadata(source.ref, nix);
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
function nixString(text) {
  if (/[\0]/.test(text)) throw new Error("NUL characters cannot appear in a Nix string");
  const escaped = text.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\$\{/g, "\\${").replace(/\n/g, "\\n").replace(/\r/g, "\\r").replace(/\t/g, "\\t");
  return `"${escaped}"`;
}
function publicGitUrl(url) {
  return url.startsWith("file://") ? void 0 : withoutCredentials(url);
}
var execFileAsync = promisify(execFile);
async function resolveGitTag(url, imageTag) {
  if (isCommitHash(imageTag)) return { rev: imageTag };
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

// src/pipeline/resolve.ts
async function resolveImage(request, tags, settings) {
  const spec = typeof request === "string" ? void 0 : request;
  const name = spec ? { canonical: spec.name, packages: spec.packages, arch: spec.arch } : parseImageName(request);
  const first = tags[0];
  if (first === void 0) throw new UsageError(`no tag given for ${name.canonical}`);
  tags.forEach(assertValidTag);
  const source = await resolveSource(settings.source, settings.sourceRef ?? first, settings.nix ?? {});
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
      manifestCacheHit: figures.every((f) => f.manifestCacheHit),
      ...nixFigures(figures)
    },
    { platforms: built.map((b) => ({ platform: platformName(b.architecture), ...b.figures })) }
  );
}
async function buildPlatform(image, settings, cache, target, onEvent, { signal, knownIndex }) {
  const architecture = image.name.arch;
  const hit = image.manifestCacheId ? await cache.findImage(image.manifestCacheId, (blob) => target.hasBlob(image.name.canonical, blob)) : null;
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
  const pushing = pushRealisedClosure(image, realised, settings, onEvent, signal);
  const plan = await planImage(image, realised, settings, await known);
  const layers = await materialiseLayers(image.name.canonical, plan, settings, cache, target, onEvent);
  const assembled = assembleImage(image, plan, layers, realised, settings);
  await publishImage(image, assembled, target, cache);
  const cached = layers.filter((l) => l.cached);
  const closurePush = await pushing;
  return platformBuild(architecture, assembled, {
    layers: layers.length,
    cachedLayers: cached.length,
    packedBytes: layers.reduce((sum, l) => sum + l.packedBytes, 0),
    skippedBytes: sizeOf(cached.map((l) => l.layer.descriptor)),
    manifestCacheHit: false,
    nixBuilds: realised.activity.builds,
    substitutedPaths: realised.activity.substituted.length,
    ...closurePush ? { closurePush } : {}
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
function nixFigures(figures) {
  const ran = figures.filter((f) => f.nixBuilds !== void 0);
  if (ran.length === 0) return {};
  const pushes = ran.flatMap((f) => f.closurePush ? [f.closurePush] : []);
  const failed = pushes.find((p) => !p.pushed);
  const seconds = pushes.reduce((total, p) => total + p.seconds, 0);
  const paths = pushes.reduce((total, p) => total + (p.pushed ? p.paths : 0), 0);
  return {
    nixBuilds: ran.flatMap((f) => f.nixBuilds ?? []),
    substitutedPaths: ran.reduce((total, f) => total + (f.substitutedPaths ?? 0), 0),
    ...failed ? { closurePush: failed } : pushes[0] ? { closurePush: { url: pushes[0].url, pushed: true, paths, seconds } } : {}
  };
}

export {
  ImageConfigError,
  CONFIG_KEYS,
  parseImageConfig,
  buildImage
};
