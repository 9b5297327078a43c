import packageJson from '../package.json' with { type: 'json' };

export const PACKAGE_NAME: string = packageJson.name;
export const PACKAGE_VERSION: string = packageJson.version;
export const USER_AGENT = `${PACKAGE_NAME}/${PACKAGE_VERSION} (Node.js ${process.version}; ${process.platform})`;
