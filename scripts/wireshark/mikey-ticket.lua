--[[
MIKEY-TICKET (RFC 6043) dissector for Wireshark/tshark 4.0 (Lua 5.2), shipped with ims-mediasec.

tshark 4.0's built-in "mikey" dissector knows RFC 3830 but not RFC 6043: data types 11-18, PRF
func 1 and CS ID map types 1/2 show as Unknown and the payloads TR (13), RANDR (15), TP (16) and
TICKET (17) stop its dissection. This script decodes whole MIKEY messages, including the 3GPP
ticket (Ticket Type 2) of the project's profile (doc/mikey-ticket-profile.md).

Usage:
    tshark -X lua_script:scripts/wireshark/mikey-ticket.lua -r capture.pcap -Y mikeyticket -V

Where it hooks in (it takes over these entries and, by default, first calls the built-in
dissector on the same bytes, so both trees are shown; preference mikeyticket.call_builtin):
  * SDP a=key-mgmt:mikey (the "key_mgmt" dissector table, key "mikey"),
  * HTTP bodies with Content-Type application/mikey (the "media_type" table),
  * UDP port 2269 (RFC 3830's MIKEY port),
  * a media-level a=key-mgmt:mikey, through a post-dissector (tshark 4.0's SDP dissector
    routes only session-level ones to the "key_mgmt" table).

Each payload is read with explicit length checks: truncated or inconsistent input gives the
expert item mikeyticket.malformed, an unknown payload type gives mikeyticket.unknown_payload,
and dissection stops there. Neither is a Lua error.
]]

local proto = Proto("mikeyticket", "MIKEY-TICKET (RFC 6043)")

-- Value names -------------------------------------------------------------------------------

-- HDR data type (RFC 3830 Table 6.1.a, RFC 4650, RFC 4738, RFC 6043 Table 6.1, RFC 6509).
local DATA_TYPES = {
    [0] = "Pre-shared key", [1] = "PSK verification", [2] = "Public key",
    [3] = "PK verification", [4] = "D-H init", [5] = "D-H response", [6] = "Error",
    [7] = "DHHMAC init", [8] = "DHHMAC response", [9] = "RSA-R I_MESSAGE",
    [10] = "RSA-R R_MESSAGE", [11] = "REQUEST_INIT_PSK", [12] = "REQUEST_INIT_PK",
    [13] = "REQUEST_RESP", [14] = "TRANSFER_INIT", [15] = "TRANSFER_RESP",
    [16] = "RESOLVE_INIT_PSK", [17] = "RESOLVE_INIT_PK", [18] = "RESOLVE_RESP",
    [26] = "SAKKE",
}

-- Next payload (RFC 3830 Table 6.1.b, RFC 6043 Table 6.2, RFC 6509).
local PAYLOAD_NAMES = {
    [0] = "Last payload", [1] = "KEMAC", [2] = "PKE", [3] = "DH", [4] = "SIGN", [5] = "T",
    [6] = "ID", [7] = "CERT", [8] = "CHASH", [9] = "V", [10] = "SP", [11] = "RAND",
    [12] = "ERR", [13] = "TR", [14] = "IDR", [15] = "RANDR", [16] = "TP", [17] = "TICKET",
    [20] = "Key data", [21] = "General Ext.", [26] = "SAKKE",
}

local PRF_FUNCS = { [0] = "MIKEY-1", [1] = "PRF-HMAC-SHA-256" }
local MAP_TYPES = { [0] = "SRTP-ID", [1] = "Empty map", [2] = "GENERIC-ID" }
local ENCR_ALGS = { [0] = "NULL", [1] = "AES-CM-128", [2] = "AES-KW-128", [3] = "AES-CM-256" }
local MAC_ALGS = { [0] = "NULL", [1] = "HMAC-SHA-1-160", [2] = "HMAC-SHA-256-256" }
local MAC_LENGTHS = { [0] = 0, [1] = 20, [2] = 32 }
local TS_TYPES = { [0] = "NTP-UTC", [1] = "NTP", [2] = "COUNTER", [3] = "NTP-UTC-32" }
local TS_LENGTHS = { [0] = 8, [1] = 8, [2] = 4, [3] = 4 }
local ID_TYPES = { [0] = "NAI", [1] = "URI", [2] = "Byte string" }
local ID_ROLES = {
    [1] = "IDRi", [2] = "IDRr", [3] = "IDRkms", [4] = "IDRpsk", [5] = "IDRapp",
    [6] = "IDRkmsi", [7] = "IDRkmsr",
}
local TS_ROLES = { [1] = "TRi", [2] = "TRs", [3] = "TRe", [4] = "TRr" }
local RAND_ROLES = { [1] = "RANDRi", [2] = "RANDRr", [3] = "RANDRkms" }
local TICKET_TYPES = { [1] = "MIKEY base ticket", [2] = "3GPP base ticket" }
local ERROR_NUMBERS = {
    [0] = "Auth failure", [1] = "Invalid TS", [2] = "Invalid PRF", [3] = "Invalid MAC",
    [4] = "Invalid EA", [5] = "Invalid HA", [6] = "Invalid DH", [7] = "Invalid ID",
    [8] = "Invalid Cert", [9] = "Invalid SP", [10] = "Invalid SPpar", [11] = "Invalid DT",
    [12] = "Unspecified error", [14] = "Invalid TICKET", [15] = "Invalid TPpar",
}
local KEY_TYPES = {
    [0] = "TGK", [1] = "TGK+SALT", [2] = "TEK", [3] = "TEK+SALT", [4] = "GTGK",
    [5] = "GTGK+SALT", [6] = "MPK",
}
local KEY_VALIDITY = { [0] = "Null", [1] = "SPI/MKI", [2] = "Interval" }
local EXT_TYPES = { [0] = "Vendor ID", [1] = "SDP IDs" }
local PROT_TYPES = { [0] = "SRTP" }
local SRTP_PARAMS = {
    [0] = "Encryption algorithm", [1] = "Session Encr. key length",
    [2] = "Authentication algorithm", [3] = "Session Auth. key length",
    [4] = "Session Salt key length", [5] = "SRTP PRF", [6] = "Key derivation rate",
    [7] = "SRTP encryption off/on", [8] = "SRTCP encryption off/on",
    [9] = "Sender's FEC order", [10] = "SRTP authentication off/on",
    [11] = "Authentication tag length", [12] = "SRTP prefix length",
    [20] = "AEAD authentication tag length",
}
-- SRTP encryption and authentication algorithms (RFC 3830 6.10.1, RFC 7714 14.3).
local SRTP_ENCR = { [0] = "NULL", [1] = "AES-CM", [2] = "AES-F8", [6] = "AES-GCM" }
local SRTP_AUTH = { [0] = "NULL", [1] = "HMAC-SHA-1" }

-- Fields ------------------------------------------------------------------------------------

local f = {}
local function field(key, protofield) f[key] = protofield end

-- One FT_NONE item per payload, so that e.g. "mikeyticket.ticket" filters on the TICKET.
local PAYLOAD_ABBREVS = {
    [1] = "kemac", [5] = "t", [6] = "id", [9] = "v", [10] = "sp", [11] = "rand", [12] = "err",
    [13] = "tr", [14] = "idr", [15] = "randr", [16] = "tp", [17] = "ticket", [20] = "key_data",
    [21] = "general_ext",
}
f.payload = {}
for type, abbrev in pairs(PAYLOAD_ABBREVS) do
    f.payload[type] = ProtoField.none("mikeyticket." .. abbrev, PAYLOAD_NAMES[type])
end

field("hdr", ProtoField.none("mikeyticket.hdr", "Common Header (HDR)"))
field("version", ProtoField.uint8("mikeyticket.version", "Version"))
field("data_type", ProtoField.uint8("mikeyticket.data_type", "Data type", base.DEC, DATA_TYPES))
field("next_payload",
      ProtoField.uint8("mikeyticket.next_payload", "Next payload", base.DEC, PAYLOAD_NAMES))
field("first_payload",
      ProtoField.uint8("mikeyticket.first_payload", "First payload", base.DEC, PAYLOAD_NAMES))
field("v_flag", ProtoField.bool("mikeyticket.v_flag", "V (response expected)", 8, nil, 0x80))
field("prf_func",
      ProtoField.uint8("mikeyticket.prf_func", "PRF func", base.DEC, PRF_FUNCS, 0x7f))
field("csb_id", ProtoField.uint32("mikeyticket.csb_id", "CSB ID", base.HEX))
field("cs_count", ProtoField.uint8("mikeyticket.cs_count", "#CS"))
field("map_type",
      ProtoField.uint8("mikeyticket.cs_id_map_type", "CS ID map type", base.DEC, MAP_TYPES))
field("srtp_policy", ProtoField.uint8("mikeyticket.srtp_id.policy_no", "Policy no"))
field("srtp_ssrc", ProtoField.uint32("mikeyticket.srtp_id.ssrc", "SSRC", base.HEX))
field("srtp_roc", ProtoField.uint32("mikeyticket.srtp_id.roc", "ROC"))
field("gen_cs_id", ProtoField.uint8("mikeyticket.generic_id.cs_id", "CS ID"))
field("gen_prot", ProtoField.uint8("mikeyticket.generic_id.prot_type", "Prot type", base.DEC,
                                   PROT_TYPES))
field("gen_s", ProtoField.bool("mikeyticket.generic_id.s", "S", 8, nil, 0x80))
field("gen_p_count", ProtoField.uint8("mikeyticket.generic_id.p_count", "#P", base.DEC, nil,
                                      0x7f))
field("gen_policy", ProtoField.uint8("mikeyticket.generic_id.policy_no", "Policy no"))
field("gen_sd_len", ProtoField.uint16("mikeyticket.generic_id.session_data_len",
                                      "Session Data length"))
field("gen_sd", ProtoField.bytes("mikeyticket.generic_id.session_data", "Session Data"))
field("gen_spi_len", ProtoField.uint8("mikeyticket.generic_id.spi_len", "SPI length"))
field("gen_spi", ProtoField.bytes("mikeyticket.generic_id.spi", "SPI"))

field("ts_type", ProtoField.uint8("mikeyticket.ts.type", "TS type", base.DEC, TS_TYPES))
field("ts_ntp", ProtoField.absolute_time("mikeyticket.ts.ntp", "TS value", base.UTC))
field("ts_counter", ProtoField.uint32("mikeyticket.ts.counter", "TS value (counter)"))
field("tr_role", ProtoField.uint8("mikeyticket.tr.role", "TS role", base.DEC, TS_ROLES))
field("tr_interval", ProtoField.uint32("mikeyticket.tr.interval", "Rekeying interval (s)"))

field("id_type", ProtoField.uint8("mikeyticket.id.type", "ID type", base.DEC, ID_TYPES))
field("id_len", ProtoField.uint16("mikeyticket.id.len", "ID length"))
field("id_data", ProtoField.string("mikeyticket.id.data", "ID data"))
field("idr_role", ProtoField.uint8("mikeyticket.idr.role", "ID role", base.DEC, ID_ROLES))

field("rand_len", ProtoField.uint8("mikeyticket.rand.len", "RAND length"))
field("rand", ProtoField.bytes("mikeyticket.rand.value", "RAND"))
field("randr_role",
      ProtoField.uint8("mikeyticket.randr.role", "RAND role", base.DEC, RAND_ROLES))

field("encr_alg",
      ProtoField.uint8("mikeyticket.kemac.encr_alg", "Encr alg", base.DEC, ENCR_ALGS))
field("encr_len", ProtoField.uint16("mikeyticket.kemac.encr_len", "Encr data length"))
field("encr_data", ProtoField.bytes("mikeyticket.kemac.encr_data", "Encr data"))
field("mac_alg", ProtoField.uint8("mikeyticket.mac_alg", "MAC alg", base.DEC, MAC_ALGS))
field("mac", ProtoField.bytes("mikeyticket.mac", "MAC"))

field("key_type", ProtoField.uint8("mikeyticket.key.type", "Type", base.DEC, KEY_TYPES, 0xf0))
field("key_kv", ProtoField.uint8("mikeyticket.key.kv", "KV", base.DEC, KEY_VALIDITY, 0x0f))
field("key_len", ProtoField.uint16("mikeyticket.key.len", "Key data length"))
field("key_data", ProtoField.bytes("mikeyticket.key.data", "Key data"))
field("salt_len", ProtoField.uint16("mikeyticket.key.salt_len", "Salt length"))
field("salt", ProtoField.bytes("mikeyticket.key.salt", "Salt"))
field("kv_data", ProtoField.bytes("mikeyticket.key.kv_data", "KV data (SPI, or Valid From/To)"))

field("sp_policy", ProtoField.uint8("mikeyticket.sp.policy_no", "Policy no"))
field("sp_prot", ProtoField.uint8("mikeyticket.sp.prot_type", "Prot type", base.DEC,
                                  PROT_TYPES))
field("sp_len", ProtoField.uint16("mikeyticket.sp.param_len", "Policy param length"))
field("sp_ptype", ProtoField.uint8("mikeyticket.sp.param.type", "Type", base.DEC,
                                   SRTP_PARAMS))
field("sp_plen", ProtoField.uint8("mikeyticket.sp.param.len", "Length"))
field("sp_pvalue", ProtoField.bytes("mikeyticket.sp.param.value", "Value"))
field("sp_encr", ProtoField.uint8("mikeyticket.sp.encr_alg", "SRTP encryption", base.DEC,
                                  SRTP_ENCR))
field("sp_auth", ProtoField.uint8("mikeyticket.sp.auth_alg", "SRTP authentication",
                                  base.DEC, SRTP_AUTH))

field("err_no", ProtoField.uint8("mikeyticket.err.no", "Error no", base.DEC, ERROR_NUMBERS))
field("err_res", ProtoField.uint16("mikeyticket.err.reserved", "Reserved", base.HEX))

field("ext_type", ProtoField.uint8("mikeyticket.ext.type", "Type", base.DEC, EXT_TYPES))
field("ext_len", ProtoField.uint16("mikeyticket.ext.len", "Length"))
field("ext_data", ProtoField.bytes("mikeyticket.ext.data", "Data"))

-- Ticket policy (RFC 6043 6.10): PRF func and the flags D..O share three bytes.
field("tp_type", ProtoField.uint16("mikeyticket.tp.ticket_type", "Ticket type", base.DEC,
                                   TICKET_TYPES))
field("tp_subtype", ProtoField.uint8("mikeyticket.tp.subtype", "Subtype"))
field("tp_version", ProtoField.uint8("mikeyticket.tp.version", "Version"))
field("tp_prf", ProtoField.uint24("mikeyticket.tp.prf_func", "PRF func", base.DEC, PRF_FUNCS,
                                  0xfe0000))
local TP_FLAGS = {
    { "d", "D: generated by the KMS" }, { "e", "E: Ticket Resolve mandatory" },
    { "f", "F: TRANSFER_RESP shall be sent" }, { "g", "G: Responder generates RANDRr" },
    { "h", "H: RANDRi used in TGK derivation" }, { "i", "I: key forking" },
    { "j", "J: ticket may be reused" }, { "k", "K: KMS changed the policy or KEMAC" },
    { "l", "L: Initiator may supply session keys" },
    { "m", "M: Responder may supply session keys" },
    { "n", "N: usable by an RFC 6043 Initiator" }, { "o", "O: processable by an RFC 6043 Responder" },
}
f.tp_flags = {}
for i, flag in ipairs(TP_FLAGS) do
    -- D is bit 16 of the 24-bit field, O is bit 5.
    f.tp_flags[i] = ProtoField.bool("mikeyticket.tp.flag_" .. flag[1], flag[2], 24, nil,
                                    bit32.lshift(1, 17 - i))
end
field("tp_reserved", ProtoField.uint24("mikeyticket.tp.reserved", "Reserved", base.HEX, nil,
                                       0x1f))
field("tp_data_len", ProtoField.uint16("mikeyticket.tp.data_len", "TP Data length"))
field("tp_data", ProtoField.none("mikeyticket.tp.data", "TP Data"))
field("tp_validity", ProtoField.double("mikeyticket.tp.validity", "Validity TRe - TRs (s)"))
field("ticket_data_len", ProtoField.uint16("mikeyticket.ticket.data_len", "Ticket Data length"))
field("ticket_data", ProtoField.bytes("mikeyticket.ticket.data", "Ticket Data"))
field("init_data_len",
      ProtoField.uint16("mikeyticket.ticket.initiator_data_len", "Initiator Data length"))
field("init_data", ProtoField.bytes("mikeyticket.ticket.initiator_data", "Initiator Data"))

local fields_list = {}
for _, value in pairs(f) do
    if type(value) == "table" then
        for _, sub in pairs(value) do table.insert(fields_list, sub) end
    else
        table.insert(fields_list, value)
    end
end
proto.fields = fields_list

local ef_malformed = ProtoExpert.new("mikeyticket.malformed", "Malformed MIKEY-TICKET message",
                                     expert.group.MALFORMED, expert.severity.ERROR)
local ef_unknown = ProtoExpert.new("mikeyticket.unknown_payload", "Payload type not decoded",
                                   expert.group.UNDECODED, expert.severity.WARN)
proto.experts = { ef_malformed, ef_unknown }

proto.prefs.call_builtin = Pref.bool("Call the built-in MIKEY dissector", true,
    "Also show tshark's own MIKEY tree (RFC 3830 payloads) before this one")

-- Reading helpers ---------------------------------------------------------------------------

-- A Malformed error carries the tree to attach the expert item to; it is raised by need() and
-- caught once per message, so no read ever goes past the end of its (sub-)tvb.
local Malformed = {}

local function malformed(tree, text)
    error(setmetatable({ tree = tree, text = text }, Malformed), 0)
end

local function need(tvb, offset, count, tree, what)
    if tvb:len() - offset < count then
        malformed(tree, string.format("%s: %d bytes needed at offset %d, %d left", what, count,
                                      offset, math.max(tvb:len() - offset, 0)))
    end
end

local function name_of(names, value)
    return names[value] or string.format("Unknown (%d)", value)
end

-- Adds an NTP timestamp (RFC 5905: 32-bit seconds since 1900, 32-bit fraction) as UTC time.
local NTP_TO_UNIX = 2208988800
local function add_ntp(tree, range, with_fraction)
    local seconds = range:range(0, 4):uint()
    local fraction = with_fraction and range:range(4, 4):uint() or 0
    local time = NSTime.new(seconds - NTP_TO_UNIX, math.floor(fraction * 1e9 / 4294967296))
    tree:add(f.ts_ntp, range, time)
    return seconds + fraction / 4294967296
end

-- Payloads ----------------------------------------------------------------------------------
-- Each decoder reads one payload starting at its next-payload byte and returns the offset
-- after it and the type of the payload that follows. "ctx" collects what a later item needs
-- (timestamps of the ticket policy).

local decoders = {}

-- Reads the one-byte field at offset ("what" names it in errors), adds it as field, returns it.
local function dissect_u8(tvb, offset, tree, field, what)
    need(tvb, offset, 1, tree, what)
    tree:add(field, tvb(offset, 1))
    return tvb(offset, 1):uint()
end

-- Reads a one-byte type (TS type, MAC alg) that fixes the length of the value after it; adds
-- it as type_field and returns it with that length ("what" names the value in errors).
local function dissect_length_type(tvb, offset, tree, type_field, lengths, type_name, what)
    local value = dissect_u8(tvb, offset, tree, type_field, type_name)
    local length = lengths[value]
    if not length then
        malformed(tree, type_name .. " " .. value .. " unknown: the " .. what ..
                        " length is undefined")
    end
    need(tvb, offset + 1, length, tree, what)
    return value, length
end

-- Reads TS type and value (T and TR), returns the item text and the value in seconds.
local function dissect_ts(tvb, offset, tree, ts_role)
    local ts_type, length =
        dissect_length_type(tvb, offset, tree, f.ts_type, TS_LENGTHS, "TS type", "TS value")
    local range = tvb(offset + 1, length)
    local seconds
    if ts_role == 4 then
        seconds = range:range(length - 4, 4):uint()
        tree:add(f.tr_interval, range:range(length - 4, 4))
    elseif ts_type == 2 then
        tree:add(f.ts_counter, range)
    else
        seconds = add_ntp(tree, range, length == 8)
    end
    return offset + 1 + length, name_of(TS_TYPES, ts_type), seconds
end

decoders[5] = function(tvb, offset, tree) -- T (RFC 3830 6.6)
    local after, text = dissect_ts(tvb, offset, tree)
    tree:append_text(": " .. text)
    return after
end

decoders[13] = function(tvb, offset, tree, ctx) -- TR (RFC 6043 6.4)
    local role = dissect_u8(tvb, offset, tree, f.tr_role, "TS role")
    local after, text, seconds = dissect_ts(tvb, offset + 1, tree, role)
    tree:append_text(": " .. name_of(TS_ROLES, role) .. ", " .. text)
    if ctx and seconds then ctx.tr[role] = seconds end
    return after
end

-- ID data follows type and a 16-bit length (ID, IDR).
local function dissect_id(tvb, offset, tree)
    need(tvb, offset, 3, tree, "ID type and length")
    tree:add(f.id_type, tvb(offset, 1))
    local length = tvb(offset + 1, 2):uint()
    tree:add(f.id_len, tvb(offset + 1, 2))
    need(tvb, offset + 3, length, tree, "ID data")
    local text = ""
    if length > 0 then
        tree:add(f.id_data, tvb(offset + 3, length))
        text = tvb(offset + 3, length):string(ENC_UTF_8)
    end
    return offset + 3 + length, text
end

decoders[6] = function(tvb, offset, tree) -- ID (RFC 3830 6.7)
    local after, text = dissect_id(tvb, offset, tree)
    tree:append_text(": " .. text)
    return after
end

decoders[14] = function(tvb, offset, tree) -- IDR (RFC 6043 6.6)
    local role = dissect_u8(tvb, offset, tree, f.idr_role, "ID role")
    local after, text = dissect_id(tvb, offset + 1, tree)
    tree:append_text(": " .. name_of(ID_ROLES, role) .. " " .. text)
    return after
end

-- RAND data follows an 8-bit length (RAND, RANDR).
local function dissect_rand(tvb, offset, tree)
    local length = dissect_u8(tvb, offset, tree, f.rand_len, "RAND length")
    need(tvb, offset + 1, length, tree, "RAND")
    if length > 0 then tree:add(f.rand, tvb(offset + 1, length)) end
    return offset + 1 + length, length
end

decoders[11] = function(tvb, offset, tree) -- RAND (RFC 3830 6.11)
    local after, length = dissect_rand(tvb, offset, tree)
    tree:append_text(": " .. length .. " bytes")
    return after
end

decoders[15] = function(tvb, offset, tree) -- RANDR (RFC 6043 6.8)
    local role = dissect_u8(tvb, offset, tree, f.randr_role, "RAND role")
    local after, length = dissect_rand(tvb, offset + 1, tree)
    tree:append_text(": " .. name_of(RAND_ROLES, role) .. ", " .. length .. " bytes")
    return after
end

-- A MAC whose length follows from its algorithm (KEMAC, V).
local function dissect_mac(tvb, offset, tree)
    local alg, length =
        dissect_length_type(tvb, offset, tree, f.mac_alg, MAC_LENGTHS, "MAC alg", "MAC")
    if length > 0 then tree:add(f.mac, tvb(offset + 1, length)) end
    return offset + 1 + length, name_of(MAC_ALGS, alg)
end

decoders[9] = function(tvb, offset, tree) -- V (RFC 3830 6.9)
    local after, text = dissect_mac(tvb, offset, tree)
    tree:append_text(": " .. text)
    return after
end

local dissect_chain -- forward: nested payload chains (TP Data, Ticket Data, key data)

decoders[1] = function(tvb, offset, tree, ctx) -- KEMAC (RFC 3830 6.2)
    need(tvb, offset, 3, tree, "Encr alg and Encr data length")
    local alg = tvb(offset, 1):uint()
    tree:add(f.encr_alg, tvb(offset, 1))
    local length = tvb(offset + 1, 2):uint()
    tree:add(f.encr_len, tvb(offset + 1, 2))
    need(tvb, offset + 3, length, tree, "Encr data")
    if length > 0 then
        local data = tree:add(f.encr_data, tvb(offset + 3, length))
        if alg == 0 then
            -- NULL encryption (the key request in a TP): Key data sub-payloads in clear.
            dissect_chain(tvb(offset + 3, length):tvb(), 0, 20, data, ctx.depth + 1)
        end
    end
    local after, mac = dissect_mac(tvb, offset + 3 + length, tree)
    tree:append_text(": " .. name_of(ENCR_ALGS, alg) .. ", " .. length .. " bytes, " .. mac)
    return after
end

decoders[20] = function(tvb, offset, tree) -- Key data sub-payload (RFC 3830 6.13)
    need(tvb, offset, 3, tree, "Type/KV and Key data length")
    local type = bit32.rshift(tvb(offset, 1):uint(), 4)
    local kv = bit32.band(tvb(offset, 1):uint(), 0x0f)
    tree:add(f.key_type, tvb(offset, 1))
    tree:add(f.key_kv, tvb(offset, 1))
    local length = tvb(offset + 1, 2):uint()
    tree:add(f.key_len, tvb(offset + 1, 2))
    need(tvb, offset + 3, length, tree, "Key data")
    if length > 0 then tree:add(f.key_data, tvb(offset + 3, length)) end
    offset = offset + 3 + length
    if type == 1 or type == 3 or type == 5 then -- the "+SALT" types
        need(tvb, offset, 2, tree, "Salt length")
        local salt = tvb(offset, 2):uint()
        tree:add(f.salt_len, tvb(offset, 2))
        need(tvb, offset + 2, salt, tree, "Salt")
        if salt > 0 then tree:add(f.salt, tvb(offset + 2, salt)) end
        offset = offset + 2 + salt
    end
    -- KV data: SPI (one length-prefixed field) or Valid From and Valid To (two).
    local kv_fields = ({ [0] = 0, [1] = 1, [2] = 2 })[kv]
    if not kv_fields then malformed(tree, "KV " .. kv .. " unknown") end
    local start = offset
    for _ = 1, kv_fields do
        need(tvb, offset, 1, tree, "KV data length")
        local kv_length = tvb(offset, 1):uint()
        need(tvb, offset + 1, kv_length, tree, "KV data")
        offset = offset + 1 + kv_length
    end
    if offset > start then tree:add(f.kv_data, tvb(start, offset - start)) end
    tree:append_text(": " .. name_of(KEY_TYPES, type) .. ", " .. length .. " bytes")
    return offset
end

decoders[10] = function(tvb, offset, tree) -- SP (RFC 3830 6.10)
    need(tvb, offset, 4, tree, "Policy no, Prot type and Policy param length")
    tree:add(f.sp_policy, tvb(offset, 1))
    tree:add(f.sp_prot, tvb(offset + 1, 1))
    local length = tvb(offset + 2, 2):uint()
    tree:add(f.sp_len, tvb(offset + 2, 2))
    need(tvb, offset + 4, length, tree, "Policy params")
    local params = tvb(offset + 4, length):tvb()
    local at = 0
    while at < params:len() do
        need(params, at, 2, tree, "Policy param type and length")
        local ptype = params(at, 1):uint()
        local plen = params(at + 1, 1):uint()
        need(params, at + 2, plen, tree, "Policy param value")
        local item = tree:add(params(at, 2 + plen), name_of(SRTP_PARAMS, ptype))
        item:add(f.sp_ptype, params(at, 1))
        item:add(f.sp_plen, params(at + 1, 1))
        if plen > 0 then
            item:add(f.sp_pvalue, params(at + 2, plen))
            if plen == 1 and ptype == 0 then item:add(f.sp_encr, params(at + 2, 1)) end
            if plen == 1 and ptype == 2 then item:add(f.sp_auth, params(at + 2, 1)) end
        end
        at = at + 2 + plen
    end
    return offset + 4 + length
end

decoders[12] = function(tvb, offset, tree) -- ERR (RFC 3830 6.12)
    need(tvb, offset, 3, tree, "Error no and Reserved")
    local number = tvb(offset, 1):uint()
    tree:add(f.err_no, tvb(offset, 1))
    tree:add(f.err_res, tvb(offset + 1, 2))
    tree:append_text(": " .. name_of(ERROR_NUMBERS, number))
    return offset + 3
end

decoders[21] = function(tvb, offset, tree) -- General Extension (RFC 3830 6.15)
    need(tvb, offset, 3, tree, "Type and Length")
    tree:add(f.ext_type, tvb(offset, 1))
    local length = tvb(offset + 1, 2):uint()
    tree:add(f.ext_len, tvb(offset + 1, 2))
    need(tvb, offset + 3, length, tree, "Data")
    if length > 0 then tree:add(f.ext_data, tvb(offset + 3, length)) end
    return offset + 3 + length
end

-- The policy part shared by TP and TICKET (RFC 6043 6.10), up to the end of TP Data.
local function dissect_policy(tvb, offset, tree, ctx)
    need(tvb, offset, 9, tree, "Ticket type, Subtype, Version, PRF func/flags, TP Data length")
    local ticket_type = tvb(offset, 2):uint()
    tree:add(f.tp_type, tvb(offset, 2))
    tree:add(f.tp_subtype, tvb(offset + 2, 1))
    tree:add(f.tp_version, tvb(offset + 3, 1))
    local bits = tvb(offset + 4, 3)
    tree:add(f.tp_prf, bits)
    local set = {}
    for i, flag in ipairs(TP_FLAGS) do
        tree:add(f.tp_flags[i], bits)
        if bit32.btest(bits:uint(), bit32.lshift(1, 17 - i)) then
            table.insert(set, string.upper(flag[1]))
        end
    end
    tree:add(f.tp_reserved, bits)
    local length = tvb(offset + 7, 2):uint()
    tree:add(f.tp_data_len, tvb(offset + 7, 2))
    if length == 0 then malformed(tree, "TP Data length 0 (no First Payload byte)") end
    need(tvb, offset + 9, length, tree, "TP Data")
    local data = tree:add(f.tp_data, tvb(offset + 9, length))
    local policy = { tr = {} }
    dissect_chain(tvb(offset + 9, length):tvb(), 0, nil, data, ctx.depth + 1, policy)
    if policy.tr[2] and policy.tr[3] then
        tree:add(f.tp_validity, policy.tr[3] - policy.tr[2]):set_generated()
    end
    tree:append_text(": " .. name_of(TICKET_TYPES, ticket_type) .. ", flags "
                     .. table.concat(set))
    return offset + 9 + length, ticket_type
end

decoders[16] = function(tvb, offset, tree, ctx) -- TP (RFC 6043 6.10)
    return (dissect_policy(tvb, offset, tree, ctx))
end

decoders[17] = function(tvb, offset, tree, ctx) -- TICKET (RFC 6043 6.10)
    local after, ticket_type = dissect_policy(tvb, offset, tree, ctx)
    need(tvb, after, 2, tree, "Ticket Data length")
    local length = tvb(after, 2):uint()
    tree:add(f.ticket_data_len, tvb(after, 2))
    need(tvb, after + 2, length, tree, "Ticket Data")
    if length > 0 then
        local data = tree:add(f.ticket_data, tvb(after + 2, length))
        if ticket_type == 2 then
            -- The project's 3GPP ticket: First Payload, T, RAND, KEMAC, [IDRpsk], V.
            dissect_chain(tvb(after + 2, length):tvb(), 0, nil, data, ctx.depth + 1)
        end
    end
    after = after + 2 + length
    need(tvb, after, 2, tree, "Initiator Data length")
    local init_length = tvb(after, 2):uint()
    tree:add(f.init_data_len, tvb(after, 2))
    need(tvb, after + 2, init_length, tree, "Initiator Data")
    if init_length > 0 then
        -- First Payload, Vi, Vr (present when the ticket uses key forking, I=1).
        local data = tree:add(f.init_data, tvb(after + 2, init_length))
        dissect_chain(tvb(after + 2, init_length):tvb(), 0, nil, data, ctx.depth + 1)
    end
    return after + 2 + init_length
end

-- Reads a payload chain that fills "tvb" from "offset" to its end. With first == nil the
-- chain starts with a First Payload byte (TP Data, Ticket Data, Initiator Data).
local MAX_PAYLOADS = 64
local MAX_DEPTH = 4
dissect_chain = function(tvb, offset, first, tree, depth, ctx)
    if depth > MAX_DEPTH then malformed(tree, "payloads nested too deep") end
    ctx = ctx or { tr = {} }
    ctx.depth = depth
    local next_type = first
    if next_type == nil then
        next_type = dissect_u8(tvb, offset, tree, f.first_payload, "First payload")
        offset = offset + 1
    end
    local count = 0
    while next_type ~= 0 do
        count = count + 1
        if count > MAX_PAYLOADS then malformed(tree, "more than 64 payloads") end
        need(tvb, offset, 1, tree, name_of(PAYLOAD_NAMES, next_type) .. " payload")
        local decoder = decoders[next_type]
        if not decoder then
            tree:add_tvb_expert_info(ef_unknown, tvb(offset),
                "Payload " .. name_of(PAYLOAD_NAMES, next_type) .. " not decoded here")
            return tvb:len()
        end
        local item = tree:add(f.payload[next_type], tvb(offset))
        local following = tvb(offset, 1):uint()
        item:add(f.next_payload, tvb(offset, 1))
        local after = decoder(tvb, offset + 1, item, ctx)
        item:set_len(after - offset)
        offset = after
        next_type = following
    end
    if offset < tvb:len() then
        malformed(tree, (tvb:len() - offset) .. " bytes after the last payload")
    end
    return offset
end

-- Common header (RFC 3830 6.1 with RFC 4563 and RFC 6043 6.1.1 map types).
local function dissect_hdr(tvb, tree)
    need(tvb, 0, 10, tree, "Common header")
    local hdr = tree:add(f.hdr, tvb(0, 10))
    local data_type = tvb(1, 1):uint()
    hdr:add(f.version, tvb(0, 1))
    hdr:add(f.data_type, tvb(1, 1))
    hdr:add(f.next_payload, tvb(2, 1))
    hdr:add(f.v_flag, tvb(3, 1))
    hdr:add(f.prf_func, tvb(3, 1))
    hdr:add(f.csb_id, tvb(4, 4))
    hdr:add(f.cs_count, tvb(8, 1))
    hdr:add(f.map_type, tvb(9, 1))
    hdr:append_text(": " .. name_of(DATA_TYPES, data_type))
    local cs_count = tvb(8, 1):uint()
    local map_type = tvb(9, 1):uint()
    local offset = 10
    for cs = 1, (map_type == 1) and 0 or cs_count do
        if map_type == 0 then -- SRTP-ID: Policy no, SSRC, ROC; the CS ID is the index
            need(tvb, offset, 9, hdr, "SRTP-ID map entry")
            local entry = hdr:add(tvb(offset, 9), "SRTP-ID CS " .. cs)
            entry:add(f.srtp_policy, tvb(offset, 1))
            entry:add(f.srtp_ssrc, tvb(offset + 1, 4))
            entry:add(f.srtp_roc, tvb(offset + 5, 4))
            offset = offset + 9
        elseif map_type == 2 then -- GENERIC-ID (RFC 6043 6.1.1)
            need(tvb, offset, 3, hdr, "GENERIC-ID map entry")
            local start = offset
            local entry = hdr:add(tvb(offset), "GENERIC-ID CS " .. tvb(offset, 1):uint())
            entry:add(f.gen_cs_id, tvb(offset, 1))
            entry:add(f.gen_prot, tvb(offset + 1, 1))
            entry:add(f.gen_s, tvb(offset + 2, 1))
            entry:add(f.gen_p_count, tvb(offset + 2, 1))
            local policies = bit32.band(tvb(offset + 2, 1):uint(), 0x7f)
            need(tvb, offset + 3, policies, entry, "Ps")
            for i = 0, policies - 1 do entry:add(f.gen_policy, tvb(offset + 3 + i, 1)) end
            offset = offset + 3 + policies
            need(tvb, offset, 2, entry, "Session Data length")
            local sd = tvb(offset, 2):uint()
            entry:add(f.gen_sd_len, tvb(offset, 2))
            need(tvb, offset + 2, sd, entry, "Session Data")
            if sd > 0 then entry:add(f.gen_sd, tvb(offset + 2, sd)) end
            offset = offset + 2 + sd
            need(tvb, offset, 1, entry, "SPI length")
            local spi = tvb(offset, 1):uint()
            entry:add(f.gen_spi_len, tvb(offset, 1))
            need(tvb, offset + 1, spi, entry, "SPI")
            if spi > 0 then entry:add(f.gen_spi, tvb(offset + 1, spi)) end
            offset = offset + 1 + spi
            entry:set_len(offset - start)
        else
            malformed(hdr, "CS ID map type " .. map_type .. " unknown: map info length undefined")
        end
    end
    hdr:set_len(offset)
    return offset, tvb(2, 1):uint(), data_type
end

-- Registration ------------------------------------------------------------------------------

local builtin = Dissector.get("mikey")

function proto.dissector(tvb, pinfo, tree)
    if proto.prefs.call_builtin and builtin then
        -- The built-in tree first; an exception in it must not stop ours.
        pcall(function() builtin:call(tvb, pinfo, tree) end)
    end
    local root = tree:add(proto, tvb())
    local ok, err = pcall(function()
        local offset, first, data_type = dissect_hdr(tvb, root)
        local name = name_of(DATA_TYPES, data_type)
        root:append_text(", " .. name)
        -- SDP may hand the same attribute over twice; name the message once.
        local tag = " [MIKEY " .. name .. "]"
        if not tostring(pinfo.cols.info):find(tag, 1, true) then pinfo.cols.info:append(tag) end
        dissect_chain(tvb, offset, first, root, 0)
    end)
    if not ok then
        if getmetatable(err) ~= Malformed then error(err, 0) end
        err.tree:add_proto_expert_info(ef_malformed, err.text)
    end
    return tvb:len()
end

-- tshark 4.0's SDP dissector hands only session-level a=key-mgmt to the "key_mgmt" table; a
-- media-level one stays a plain attribute string. This post-dissector decodes those: it takes
-- the attribute text, decodes the base64 data and dissects it as a new data source.
local media_proto = Proto("mikeyticket_media", "MIKEY-TICKET in media-level a=key-mgmt")
local media_attr = Field.new("sdp.media_attr")

function media_proto.dissector(tvb, pinfo, tree)
    for _, attr in ipairs({ media_attr() }) do
        local data = tostring(attr.value):match("^key%-mgmt:mikey%s+([%w%+/=]+)")
        if data then
            local bytes = ByteArray.new(data, true):base64_decode()
            if bytes:len() > 0 then
                proto.dissector(bytes:tvb("MIKEY (media-level a=key-mgmt)"), pinfo, tree)
            end
        end
    end
end

register_postdissector(media_proto)
DissectorTable.get("key_mgmt"):add("mikey", proto)
DissectorTable.get("media_type"):add("application/mikey", proto)
DissectorTable.get("udp.port"):add(2269, proto)
