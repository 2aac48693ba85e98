import Link from 'next/link';

export default function NotFound() {
  return (
    <main className="mx-auto mt-24 max-w-md px-4">
      <h1 className="text-2xl font-bold">Page not found</h1>
      <p className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">
        There is no page at this address. Check the link, or go back to the{' '}
        <Link href="/" className="text-blue-700 underline dark:text-blue-400">
          fleet dashboard
        </Link>
        .
      </p>
    </main>
  );
}
