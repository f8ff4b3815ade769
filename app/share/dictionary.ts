/**
 * The preset dictionary of link format 1: text that topologies tend to contain, so
 * deflate can refer back to it from the first byte. It is part of the format: FROZEN.
 * Changing one character makes every existing link undecodable, so a better
 * dictionary needs a new codec number (see index.ts); `dictionary.test.ts` pins its CRC.
 *
 * Deflate reaches back into the dictionary by distance, and nearer is cheaper, so the
 * most frequent strings come last. Words are Skype for Business vocabulary and common
 * naming habits (Microsoft's documentation domains, data-center cities, role prefixes),
 * not the text of the reference designs.
 */
import { utf8 } from './bytes';

const PARTS: readonly string[] = [
  // Rarer: prose of descriptions.
  'Lync Server 2013 coexistence migration transition legacy; Exchange Unified Messaging voice mail, Enterprise Voice, PSTN gateway, SIP trunk, Call Park, Response Group; ',
  'Persistent Chat pool (compliance), Archiving and Monitoring stores, log shipping for disaster recovery, stretched pool; cold standby; ',
  'Director pool in front of the Edge, reverse proxy, federation with partners, XMPP, remote users, public IM; ',
  'survivable branch appliance (SBA), survivable branch server, branch office, backup registrar, Mediation pool, collocated Mediation Server; ',
  'Office Online Server farm, DFS file share, clustered file server, NAS; ',
  'SQL Server mirroring with a witness, the Back End fails over automatically; synchronous commit, asynchronous, automatic failover, manual, readable secondary; ',
  'SQL Server 2019 Enterprise, SQL Server 2016 Standard, SQL Express, failover cluster instance, AlwaysOn availability group listener; ',
  'Windows Server 2019, Windows Server 2016, Windows Server 2022, physical servers, virtual machines, hardware load balancers, DNS load balancing; ',
  'North America, Europe, Asia Pacific, EMEA, AMER, APAC, NA, EU, ',
  'Redmond, Seattle, Portland, Oregon, Virginia, Dallas, Chicago, New York, Boston, Toronto, Amsterdam, Dublin, London, Paris, Frankfurt, Zurich, Stockholm, Madrid, Milan, Singapore, Hong Kong, Tokyo, Sydney, Mumbai, Johannesburg, Sao Paulo; ',
  'Two data centers in one region. Three data centers, four data centers. Each pool is paired with a pool in the other data center for disaster recovery; ',
  'Skype for Business Server 2015, Skype for Business Server 2019, Enterprise Edition pools of Front End servers, Standard Edition server, Central Management store on the pool, ',
  'the paired pools, each with, for, and, in the, of the, on the, a small deployment, users, ',
  // Frequent: names, ids, host names, domains.
  'HQ, DR, DC1, DC2, Primary, Secondary, Head office, Data center, Branch, ',
  'Edge pool, Director, Mediation, Persistent Chat, SBA, Witness, Mirror, principal, Monitoring store, Archiving store, ',
  'Front End pool, Pool A, Pool B, Pool, Back End, File store, File share, Office Online, Edge, ',
  'sfbshare, SfBShare, share, CU, CU22, CU12, SP2, SP1, CU8, ',
  'lyncpool, sfbpool, sfbfe, sfbedge, sqlbe, sqlag, sqlmon, witness, mirror, pchat, med, dir-, sba-, se-, oos-, fs-, edge-, pool-, fe01, sql01, sql02, sql-',
  '.local.net.org.corp.litwareinc.com.fabrikam.com.contoso.com',
];

export const DICTIONARY_1: Uint8Array = utf8(PARTS.join(''));
