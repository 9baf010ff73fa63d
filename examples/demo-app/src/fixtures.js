// A deliberately fake token for the client's unit tests.
const FAKE_TOKEN = 'ghp_000000000000000000000000000000000000'; // devsecops:allow
module.exports = { FAKE_TOKEN };
