<!-- IMPORT emails/partials/header.tpl -->

<table role="presentation" cellspacing="0" cellpadding="0" border="0" align="center" width="100%" style="max-width: 600px;">
	<tr>
		<td bgcolor="#ffffff" style="padding: 40px; font-family: -apple-system,BlinkMacSystemFont,Segoe UI,Helvetica,Arial,sans-serif; font-size: 15px; line-height: 20px; color: #555555;">
			<h1 style="margin: 0 0 10px 0; font-size: 24px; line-height: 27px; color: #333333; font-weight: normal;">{{tx(title)}}</h1>
			<p style="margin: 0 0 16px 0;">{{{ if product }}}{product} {{{ end }}}<code style="font-size: 16px; color: #222222;">{masked}</code></p>
			<p style="margin: 0 0 16px 0;">{{tx("bonus:licences.email.text")}}</p>
			<p style="margin: 0;"><a href="{url}/bonus/licences">{{tx("bonus:licences.email.link")}}</a></p>
		</td>
	</tr>
</table>

<!-- IMPORT emails/partials/footer.tpl -->
