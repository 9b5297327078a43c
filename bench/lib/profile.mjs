// The profile the bench's fake Graph answers with (bench/lib/fake-graph-process.mjs), also what bench/checks.mjs
// runs the server's checks on.

/** What Graph returns for one profile: OData control information, a token, a QR code image (~1 KB as JSON). */
export function profileBody(id, changes = {}) {
  const token = 'bench-enrollment-token-7f3c9a1e2b4d6f80';
  return {
    '@odata.context': `https://graph.microsoft.com/beta/$metadata#deviceManagement/androidForWorkEnrollmentProfiles/$entity`,
    '@odata.type': '#microsoft.graph.androidForWorkEnrollmentProfile',
    id,
    accountId: '6f1d2c3b-4a59-4e8d-9c7b-1a2b3c4d5e6f',
    displayName: 'Corporate-owned kiosks',
    description: 'Dedicated devices in retail stores',
    createdDateTime: '2026-03-02T09:15:27.1234567Z',
    lastModifiedDateTime: '2026-10-14T16:42:05.7654321Z',
    tokenValue: token,
    tokenExpirationDateTime: '2027-03-02T09:15:27Z',
    enrolledDeviceCount: 42,
    qrCodeContent: JSON.stringify({ 'android.app.extra.PROVISIONING_ENROLLMENT_TOKEN': token }),
    qrCodeImage: {
      '@odata.type': 'microsoft.graph.mimeContent',
      type: 'image/png',
      value: Buffer.alloc(300, token).toString('base64'),
    },
    ...changes,
  };
}
