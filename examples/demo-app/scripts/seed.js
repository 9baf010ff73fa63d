// Fills a local database with sample invoices: npm run seed -- --count 50
const minimist = require('minimist');

const args = minimist(process.argv.slice(2), { default: { count: 10 } });
for (let i = 1; i <= args.count; i++) {
  console.log(JSON.stringify({ id: i, amount: i * 100, currency: 'EUR' }));
}
