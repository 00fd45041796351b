import { access, chmod, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AppDriver } from '../support/appDriver';
import { expect, test } from '../support/fixtures';

const brokenKeyFiles = [
  {
    label: 'readable by others (0644)',
    make: async (path: string) => {
      await writeFile(path, 'sk-proj-stored-key-0123456789\n');
      await chmod(path, 0o644);
    },
    problem: /other users can read the file \(mode 0644\)/,
  },
  {
    label: 'corrupt',
    make: (path: string) => writeFile(path, Buffer.from([0x00, 0xff, 0x13, 0x37, 0x0a, 0x80, 0x81, 0x82]), { mode: 0o600 }),
    problem: /is corrupt/,
  },
];

for (const broken of brokenKeyFiles) {
  test(`a stored key file that is ${broken.label} leaves the app usable, names the problem and the file, and Clear key fixes it`, async ({
    app,
    webHost,
  }) => {
    const keyFile = join(webHost.dataDir, 'api-key');
    await broken.make(keyFile);
    await app.reload();
    const driver = new AppDriver(app);

    // OPENAI_API_KEY (the fixture's) still serves while the stored key is broken.
    await driver.pickScenario('simpleHandoff');
    await driver.connect();
    await app.getByRole('button', { name: 'Disconnect' }).click();

    await driver.openSettings();
    const problem = app.getByTestId('key-problem');
    await expect(problem).toContainText(broken.problem);
    await expect(problem).toContainText(keyFile);
    await expect(app.getByTestId('key-status')).toHaveText('Using OPENAI_API_KEY from the environment.');

    const clear = app.getByRole('button', { name: 'Clear key' });
    await expect(clear).toBeEnabled();
    await clear.click();
    await expect(app.getByText('Stored key removed.')).toBeVisible();
    await expect(problem).toHaveCount(0);
    await expect(clear).toBeDisabled();
    await expect(access(keyFile)).rejects.toMatchObject({ code: 'ENOENT' });

    await app.getByRole('textbox', { name: 'API key' }).fill('sk-proj-new-key-0123456789');
    await app.getByRole('button', { name: 'Save key' }).click();
    await expect(app.getByTestId('key-status')).toHaveText('A key is stored.');
    await expect(clear).toBeEnabled();
  });
}
