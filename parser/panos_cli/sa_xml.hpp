#pragma once
// The XML API's answers to `show vpn ike-sa` and `show vpn ipsec-sa`
// (`/api/?type=op&cmd=<show><vpn><ike-sa></ike-sa></vpn></show>`), as scripts save them and
// engineers paste them. Real copies (Device::PaloAlto::Firewall's and
// Device::Firewall::PaloAlto's tests on CPAN; fixtures/cli-ike-sa-xml/NOTES.md):
//
//     <response status="success"><result>
//       <entry>
//         <name>c1000v</name>
//         <created>Aug.28 18:44:58</created>
//         <expires>Aug.29 02:44:58</expires>
//         <gwid>1</gwid>
//         <role>Init</role>
//         <mode>Main</mode>
//         <algo>PSK/ DH5/ AES/SHA512</algo>
//       </entry>
//     </result></response>
//
//     <response status="success"><result>
//       <ntun>2</ntun>
//       <entries>
//         <entry>
//           <kb>0</kb> <life>2512</life> <enc>A128</enc> <remote>1.1.5.1      </remote>
//           <name>IPSEC_second_to_default</name> <proto>ESP</proto>
//           <i_spi>3867966326</i_spi> <gwid>2</gwid> <o_spi>2701885222</o_spi> <tid>2</tid>
//           <hash>SHA1</hash> <gateway>default_vr</gateway>
//         </entry>
//       </entries>
//     </result></response>
//
// An `<entry>` with `<algo>` is a phase 1 SA (gateway `name`, `role`, `mode` Main/Aggr,
// `algo` as parser/panos_cli/sa_text.hpp reads it, the lifetime from `created` to `expires`,
// the peer from `peer`, `peer-ip`, `peerip` or `remote` when there is one). An `<entry>`
// with `<enc>`, `<proto>` or `<i_spi>` is a phase 2 SA: tunnel and gateway from `name`
// (`c1000v(c1000v)`: tunnel(gateway)) or from `name` and `gateway`/`gw`; the peer from
// `remote` or `peerip`, `localip` the firewall's; `proto`, `enc`, `hash`, `dh` (the PFS
// group), `mode` (`tunl`); the SPIs from `i_spi`/`o_spi` (decimal, negative when PAN-OS
// printed them signed: `-1257231397`) or `local-spi`/`remote-spi` (hex), shown as eight hex
// digits; the lifetime from `hardtime` only (`life` is what remains of it on some releases);
// up unless its `state` says otherwise (`init`, `down`). Other entries are skipped.

#include "parser/panos_cli/sa_text.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ikediff::parser::panos_cli {

/// One SA of an answer, and where its `<entry>` starts in the answer's text (0-based).
struct xml_sa {
    sa_row row;
    std::size_t offset = 0;
};

/// What an answer holds, or why it could not be read: `error_offset` (0-based, into the
/// text) and `error` (pugixml's description, or the API's own error message for a
/// `status="error"` answer).
struct xml_answer {
    std::vector<xml_sa> sas;
    std::optional<std::size_t> error_offset;
    std::string error;
};

/// Reads one answer, `<response ...>` to `</response>`.
xml_answer read_xml_answer(std::string_view text);

} // namespace ikediff::parser::panos_cli
