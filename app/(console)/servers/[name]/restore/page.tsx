import { redirect } from 'next/navigation';

type Props = { params: Promise<{ name: string }>; searchParams: Promise<{ backup?: string }> };

// The plain restore form became the PITR wizard; old links and bookmarks land there.
export default async function RestorePage({ params, searchParams }: Props) {
  const { name } = await params;
  const { backup } = await searchParams;
  redirect(
    `/servers/${encodeURIComponent(name)}/recover${backup ? `?backup=${encodeURIComponent(backup)}` : ''}`,
  );
}
