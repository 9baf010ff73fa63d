/** The suite's version, written into SARIF and shown by --version. A test keeps it equal to package.json. */
export const VERSION = '0.1.0';
export const TOOL_NAME = 'devsecops';
export const INFORMATION_URI = 'https://github.com/devsecops-actions/devsecops-actions';
