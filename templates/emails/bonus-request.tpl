<!-- IMPORT emails/partials/header.tpl -->

<table role="presentation" cellspacing="0" cellpadding="0" border="0" align="center" width="100%" style="max-width: 600px;">
	<tr>
		<td bgcolor="#ffffff" style="padding: 40px; font-family: -apple-system,BlinkMacSystemFont,Segoe UI,Helvetica,Arial,sans-serif; font-size: 15px; line-height: 20px; color: #555555;">
			<h1 style="margin: 0 0 10px 0; font-size: 24px; line-height: 27px; color: #333333; font-weight: normal;">{{tx("bonus:requests.email.title", id)}}</h1>
			<p style="margin: 0 0 16px 0;">{{tx(line)}}</p>
			{{{ if hasReply }}}
			<p style="margin: 0 0 4px 0;">{{tx("bonus:requests.email.reply")}}</p>
			<p style="margin: 0 0 16px 0; white-space: pre-wrap; border-left: 3px solid #dddddd; padding-left: 10px;">{reply}</p>
			{{{ end }}}
			<p style="margin: 0;"><a href="{url}{path}">{{tx("bonus:requests.email.link")}}</a></p>
		</td>
	</tr>
</table>

<!-- IMPORT emails/partials/footer.tpl -->
