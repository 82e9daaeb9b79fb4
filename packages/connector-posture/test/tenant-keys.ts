// Entity keys of the scenario tenants by sandbox index, so expectations read like the scenario's
// list of misconfigurations (JumpCloud user 2, Kandji device 3...).
import { emailOf, type GraphSnapshot } from '@org/connector-graph';

export function keysOf(snapshot: GraphSnapshot) {
  const all = [...snapshot.entities.values()];
  const inOrder = (prefix: string) =>
    all.filter((e) => e._key.startsWith(prefix)).map((e) => e._key);
  // JumpCloud ObjectIds grow with the sandbox index; Kandji devices are listed by offset.
  const jc = (kind: string) => (i: number) => {
    const key = inOrder(`jumpcloud:${kind}:`).sort()[i];
    if (!key) throw new Error(`no jumpcloud ${kind} ${i}`);
    return key;
  };
  const kandjiUser = (i: number) => {
    const e = all.find(
      (x) => x._type === 'kandji_user' && x.deprecatedUserId === String(29_000 + i),
    );
    if (!e) throw new Error(`no kandji user ${i}`);
    return e._key;
  };
  const kandjiDevice = (i: number) => {
    const key = inOrder('kandji:device:')[i];
    if (!key) throw new Error(`no kandji device ${i}`);
    return key;
  };
  const jcUser = jc('user');
  const person = (i: number) => `person:${emailOf(snapshot.entities.get(jcUser(i)) ?? {})}`;
  return {
    jcUser,
    jcSystem: jc('device'),
    jcAdmin: jc('administrator'),
    jcApp: jc('application'),
    jcAccount: () => jc('account')(0),
    jcMdm: () => jc('mdm')(0),
    kandjiUser,
    kandjiDevice,
    hexnodeDevice: (i: number) => `hexnode:device:${i + 1}`,
    // Okta ids end in the sandbox index (base 36), so they sort by it.
    oktaUser: (i: number) => {
      const key = inOrder('okta:user:').sort()[i];
      if (!key) throw new Error(`no okta user ${i}`);
      return key;
    },
    oktaAccount: () => inOrder('okta:account:')[0] ?? '',
    person,
  };
}
