import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { KandjiBlueprintPage } from './blueprint.js';
import { KandjiFlag } from './boolean.js';
import { KandjiDeviceAppsPage } from './device-apps.js';
import { KandjiDeviceDetails } from './device-details.js';
import { KandjiPrismCount } from './prism/count.js';
import { KandjiPrismFilevaultPage } from './prism/security.js';
import { KandjiDetectionPage } from './vulnerability.js';

// Trimmed from the documented examples (Kandji's Postman collection).
const prismRow = {
  asset_tag: '',
  blueprint_id: '9b1ce867-83dd-46bb-b79a-ba2b5c3a4acc',
  blueprint_name: '_testing_something',
  count: null,
  created_at: '2024-11-18T21:02:58.179622+00:00',
  device__family: 'Mac',
  device__name: 'accuhive_admin',
  device__user_email: 'accuhive@accuhive.io',
  device__user_id: '36600',
  device__user_name: 'Accuhive Admin',
  device_id: 'aa79459d-8566-4655-b09a-8f5c6bcf8b43',
  last_changed_at: null,
  last_collected_at: '2024-12-10T14:39:34.740791+00:00',
  model_id: 'MacBookAir10,1',
  serial_number: 'FVHHFKF7Q6L4',
  tags: null,
  updated_at: '2024-12-10T14:39:34.740791+00:00',
};

describe('Prism pages', () => {
  it('parse the documented FileVault page, whose total is null, and keep the legacy user id', () => {
    const page = v.parse(KandjiPrismFilevaultPage, {
      cursor: null,
      data: [{ ...prismRow, key_escrowed: false, key_type: null, status: false, extra: 1 }],
      limit: 25,
      offset: 0,
      total: null,
    });
    expect(page.total).toBeNull();
    expect(page.data[0]).toMatchObject({
      status: false,
      key_escrowed: false,
      device__user_id: '36600',
    });
    expect(page.data[0]?.last_collected_at).toEqual(new Date('2024-12-10T14:39:34.740Z'));
    expect(page.data[0]).not.toHaveProperty('extra');
  });

  it('read an unassigned device user ("") as null, and reject a page without data', () => {
    const page = v.parse(KandjiPrismFilevaultPage, {
      data: [{ ...prismRow, device__user_id: '', device__user_email: null }],
      total: 1,
    });
    expect(page.data[0]?.device__user_id).toBeNull();
    expect(v.safeParse(KandjiPrismFilevaultPage, { total: 1 }).success).toBe(false);
  });

  it('count: the documented example', () => {
    expect(v.parse(KandjiPrismCount, { approximate: false, count: 82 })).toEqual({
      approximate: false,
      count: 82,
    });
    expect(v.safeParse(KandjiPrismCount, { count: -1 }).success).toBe(false);
  });
});

describe('KandjiFlag', () => {
  it.each([
    ['True', true],
    ['False', false],
    [true, true],
    [0, false],
    ['', null],
    [null, null],
  ])('reads %j as %j', (wire, out) => {
    expect(v.parse(KandjiFlag, wire)).toBe(out);
  });
  it('rejects other text', () => {
    expect(v.safeParse(KandjiFlag, 'yes').success).toBe(false);
  });
});

describe('device details and apps', () => {
  it('parse the documented details example, text booleans included', () => {
    const details = v.parse(KandjiDeviceDetails, {
      activation_lock: { user_activation_lock_enabled: false, activation_lock_supported: true },
      filevault: {
        filevault_enabled: null,
        filevault_next_rotation: '',
        filevault_prk_escrowed: false,
      },
      general: {
        device_id: '4820db3b-dec7-40b2-9c8f-eb771ac1a250',
        first_enrollment: '2022-12-13 19:14:20.455640+00:00',
      },
      kandji_agent: { agent_installed: 'False', last_check_in: '2022-12-13T20:21:38.903804Z' },
      lost_mode: {
        lost_mode_status: 'ENABLED',
        last_location: { latitude: '3.9', longitude: '-84.4' },
      },
      mdm: {
        mdm_enabled: 'True',
        supervised: 'True',
        last_check_in: '2022-12-13 20:21:38.903789+00:00',
      },
      tags: [],
    });
    expect(details.mdm).toMatchObject({ mdm_enabled: true, supervised: true });
    expect(details.kandji_agent?.agent_installed).toBe(false);
    expect(details.filevault).toMatchObject({
      filevault_enabled: null,
      filevault_next_rotation: null,
    });
    expect(details.lost_mode).toEqual({ lost_mode_status: 'ENABLED' }); // no location kept
    expect(details.recovery_information).toBeNull();
  });

  it('parse the documented apps example: sizes and booleans from text', () => {
    const page = v.parse(KandjiDeviceAppsPage, {
      apps: [
        {
          app_id: 'f7333eb1-421e-4088-8690-a358169c0421',
          app_name: 'Okta Verify',
          app_store_vendable: 'False',
          bundle_id: 'com.okta.mobile',
          bundle_size: '68390912',
          creation_date: '',
          device_based_vpp: 'True',
          version: '47',
        },
      ],
      device_id: '4820db3b-dec7-40b2-9c8f-eb771ac1a250',
    });
    expect(page.apps[0]).toMatchObject({
      app_store_vendable: false,
      device_based_vpp: true,
      bundle_size: 68_390_912,
      creation_date: null,
    });
  });
});

describe('blueprints and detections', () => {
  it('drop the enrollment code of a blueprint', () => {
    const page = v.parse(KandjiBlueprintPage, {
      count: 1,
      next: null,
      previous: null,
      results: [
        {
          color: 'aqua-500',
          computers_count: 0,
          description: '',
          enrollment_code: { code: '123456', is_active: true },
          icon: 'ss-paintdisabled',
          id: 'b38787e4-401c-4c4b-86dc-f1cca2072531',
          name: 'auto_app_testing',
          params: {},
          type: 'classic',
        },
      ],
    });
    expect(page.results[0]?.enrollment_code).toEqual({ is_active: true });
    expect(JSON.stringify(page)).not.toContain('123456');
  });

  it('read detection dates without a zone as UTC', () => {
    const page = v.parse(KandjiDetectionPage, {
      next: null,
      previous: null,
      results: [
        {
          cve_id: 'CVE-2024-12345',
          cvss_score: 3.2,
          cvss_severity: 'Low',
          device_id: 'abcd',
          first_detection_date: '2023-10-13 16:15:00.000000',
          latest_detection_date: '2023-10-13 16:15:00.000000',
        },
      ],
    });
    expect(page.results[0]?.first_detection_date).toEqual(new Date('2023-10-13T16:15:00Z'));
  });
});
